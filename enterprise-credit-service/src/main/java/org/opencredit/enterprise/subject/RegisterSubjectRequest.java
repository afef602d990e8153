package org.opencredit.enterprise.subject;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

/** What a department sends to register a legal-person subject. */
public record RegisterSubjectRequest(
        @Schema(description = "Unified Social Credit Code, 18 characters", example = "91350100M000100Y43")
        @NotBlank(message = "is required: give the 18-character Unified Social Credit Code") String uscc,
        @Schema(description = "registered name", example = "福州示例科技有限公司")
        @NotBlank(message = "is required: give the registered name")
        @Size(max = Subject.MAX_NAME_LENGTH, message = "must have at most 200 characters") String name,
        @Schema(description = "legal representative's name (public registration data)", example = "张三")
        @Size(max = 100, message = "must have at most 100 characters") String legalRepresentative,
        @Schema(description = "date of establishment", example = "2015-06-01")
        @PastOrPresent(message = "must not be in the future") LocalDate establishedOn) {
}
