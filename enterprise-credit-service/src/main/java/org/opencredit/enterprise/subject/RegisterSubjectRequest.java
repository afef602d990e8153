package org.opencredit.enterprise.subject;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What a department sends to register a legal-person subject. */
public record RegisterSubjectRequest(
        @Schema(description = "Unified Social Credit Code, 18 characters", example = "91350100M000100Y43")
        @NotBlank(message = "is required: give the 18-character Unified Social Credit Code") String uscc,
        @Schema(description = "registered name", example = "福州示例科技有限公司")
        @NotBlank(message = "is required: give the registered name")
        @Size(max = Subject.MAX_NAME_LENGTH, message = "must have at most 200 characters") String name,
        @Schema(description = "names it had before, newest first")
        @Size(max = 20, message = "must list at most 20 names") List<@NotBlank(message = "must not be blank") @Size(max = 200) String> formerNames,
        @Schema(description = "GB/T 2260 division code; positions 3-8 of the USCC when absent", example = "350102")
        @Pattern(regexp = "[1-9][0-9]{5}", message = "must be a 6-digit GB/T 2260 division code") String regionCode,
        @Schema(description = "15-digit business registration number (legacy key)", example = "350100100012345")
        @Pattern(regexp = "[0-9]{15}", message = "must be the 15-digit business registration number") String registrationNumber,
        @Schema(description = "legal representative's name (public registration data)", example = "张三")
        @Size(max = 100, message = "must have at most 100 characters") String legalRepresentative,
        @Schema(description = "registered capital in yuan", example = "5000000")
        @DecimalMin(value = "0", message = "must not be negative") BigDecimal registeredCapital,
        @Schema(description = "date of establishment", example = "2015-06-01")
        @PastOrPresent(message = "must not be in the future") LocalDate establishedOn,
        @Schema(description = "GB/T 4754 industry code: a section letter and up to four digits", example = "C3911")
        @Pattern(regexp = "[A-T]([0-9]{2}([0-9]{1,2})?)?", message = "must be a GB/T 4754 code such as C3911 (section letter A-T, then 2 to 4 digits)")
        String industryCode,
        @Schema(description = "registered address", example = "福建省福州市鼓楼区五四路1号")
        @Size(max = 300, message = "must have at most 300 characters") String registeredAddress,
        @Schema(description = "ACTIVE (default), REVOKED or DEREGISTERED") SubjectStatus status) {

    Subject.SubjectDetails details() {
        return new Subject.SubjectDetails(name, formerNames, regionCode, registrationNumber, legalRepresentative,
                registeredCapital, establishedOn, industryCode, registeredAddress, status);
    }
}
