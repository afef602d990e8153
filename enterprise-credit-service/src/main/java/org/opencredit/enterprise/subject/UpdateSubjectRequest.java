package org.opencredit.enterprise.subject;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A registry change: only the fields given change; a new name keeps the old one as a former name. */
public record UpdateSubjectRequest(
        @Size(min = 1, max = Subject.MAX_NAME_LENGTH, message = "must have 1 to 200 characters") String name,
        @Size(max = 20, message = "must list at most 20 names") List<@NotBlank(message = "must not be blank") @Size(max = 200) String> formerNames,
        @Pattern(regexp = "[1-9][0-9]{5}", message = "must be a 6-digit GB/T 2260 division code") String regionCode,
        @Pattern(regexp = "[0-9]{15}", message = "must be the 15-digit business registration number") String registrationNumber,
        @Size(max = 100, message = "must have at most 100 characters") String legalRepresentative,
        @DecimalMin(value = "0", message = "must not be negative") BigDecimal registeredCapital,
        @PastOrPresent(message = "must not be in the future") LocalDate establishedOn,
        @Pattern(regexp = "[A-T]([0-9]{2}([0-9]{1,2})?)?", message = "must be a GB/T 4754 code such as C3911") String industryCode,
        @Size(max = 300, message = "must have at most 300 characters") String registeredAddress,
        SubjectStatus status) {

    Subject.SubjectDetails details() {
        return new Subject.SubjectDetails(name, formerNames, regionCode, registrationNumber, legalRepresentative,
                registeredCapital, establishedOn, industryCode, registeredAddress, status);
    }
}
