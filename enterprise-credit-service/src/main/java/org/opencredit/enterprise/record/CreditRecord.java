package org.opencredit.enterprise.record;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * A catalogued piece of credit information about a legal-person subject. Never overwritten or
 * deleted: a department revises or withdraws it, and each change is kept in its history.
 *
 * @param recordId           the platform's id, derived from department and department record id
 * @param late               published more than 7 working days after the decision
 * @param publicityEnds      the day publication ends (automatically, or earlier by repair)
 * @param earliestRepair     the first day credit repair may end publication
 */
public record CreditRecord(String recordId, String uscc, String subjectName, String category, String severity,
                           String polarity, String department, String departmentRecordId, LocalDate decisionDate,
                           Instant submittedAt, LocalDate publicityEnds, LocalDate earliestRepair, boolean late,
                           RecordStatus status, int revision, String catalogueVersion, PenaltyFields penalty,
                           LicenceFields licence, Map<String, Object> details) {

    public CreditRecord withStatus(RecordStatus newStatus, int newRevision) {
        return new CreditRecord(recordId, uscc, subjectName, category, severity, polarity, department, departmentRecordId,
                decisionDate, submittedAt, publicityEnds, earliestRepair, late, newStatus, newRevision, catalogueVersion,
                penalty, licence, details);
    }

    /** Same content as {@code other}: what was decided, ignoring when and in which revision it was submitted. */
    public boolean sameContentAs(CreditRecord other) {
        return content().equals(other.content());
    }

    private java.util.List<Object> content() {
        return java.util.Arrays.asList(uscc, subjectName, category, severity, department, departmentRecordId, decisionDate,
                publicityEnds, penalty, licence, details);
    }
}
