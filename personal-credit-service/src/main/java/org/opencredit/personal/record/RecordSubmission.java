package org.opencredit.personal.record;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A personal credit record as a department submits it. The person is named by identity number and
 * name (used to find or register the person, never stored in the record). The consent-bound amounts
 * are accepted only with {@code consentReference}, the person's written consent.
 */
public record RecordSubmission(
        @NotBlank(message = "is required: the department's own id of the record") @Size(max = 64, message = "must be at most 64 characters")
        String departmentRecordId,
        @NotBlank(message = "is required: a catalogue category for natural persons") String category,
        String severity,
        @NotBlank(message = "is required: the person's 18-character resident identity number") String identityNumber,
        @NotBlank(message = "is required: the person's name") @Size(max = 64, message = "must be at most 64 characters") String name,
        @NotNull(message = "is required (yyyy-MM-dd)") @PastOrPresent(message = "must not be in the future") LocalDate decisionDate,
        @PastOrPresent(message = "must not be in the future") LocalDate conductEndDate,
        @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters") String title,
        @NotBlank(message = "is required") @Size(max = 2000, message = "must be at most 2000 characters") String content,
        @Size(max = 100, message = "must be at most 100 characters") String authority,
        @Size(max = 100, message = "must be at most 100 characters") String documentNumber,
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:/-]{3,63}", message = "must be the consent's reference: 4-64 letters, digits, . _ : / -")
        String consentReference,
        @DecimalMin(value = "0", message = "must not be negative") BigDecimal income,
        @DecimalMin(value = "0", message = "must not be negative") BigDecimal deposits,
        @DecimalMin(value = "0", message = "must not be negative") BigDecimal securities,
        @DecimalMin(value = "0", message = "must not be negative") BigDecimal insurance,
        @DecimalMin(value = "0", message = "must not be negative") BigDecimal realEstate,
        @DecimalMin(value = "0", message = "must not be negative") BigDecimal taxAmount) {

    @Override
    public String toString() {
        return "RecordSubmission[" + departmentRecordId + ", " + category + ", person not shown]";
    }
}
