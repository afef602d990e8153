package org.opencredit.enterprise.record;

import java.time.LocalDate;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One credit record as a department submits it, in JSON or as a line of a bulk file. Exactly one
 * of {@code penalty}, {@code licence} and {@code details} is given, as the category's shape says.
 */
public record RecordSubmission(
        @Schema(description = "catalogue category code", example = "ADMIN_PENALTY") String category,
        @Schema(description = "MINOR, GENERAL or SERIOUS; the category's default when absent", example = "GENERAL") String severity,
        @Schema(description = "the department's own id of the record; resubmitting it is idempotent", example = "绍市监处罚〔2025〕1000号")
        String departmentRecordId,
        @Schema(description = "the subject's Unified Social Credit Code", example = "91350100M000100Y43") String uscc,
        @Schema(description = "the party's name as in the decision", example = "福州示例科技有限公司") String subjectName,
        @Schema(description = "date of the decision; publicity runs from it", example = "2026-11-20") LocalDate decisionDate,
        @Schema(description = "publicity end chosen by the department, within the catalogue's bounds; the maximum when absent")
        LocalDate publicityEndDate,
        PenaltyFields penalty,
        LicenceFields licence,
        @Schema(description = "fields of categories without a national field set; needs a 'summary'") Map<String, Object> details) {
}
