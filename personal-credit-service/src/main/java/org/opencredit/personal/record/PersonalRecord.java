package org.opencredit.personal.record;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * A personal credit record in a catalogued category. Holds the person's opaque reference, never
 * the identity number or name.
 *
 * @param conductEndDate when the conduct ended; the five-year retention of negative records runs from it
 * @param amounts        consent-bound amounts (income, deposits, ...), present only with {@code consentReference}
 * @param status         PUBLISHED or WITHDRAWN
 */
public record PersonalRecord(String recordId, String personRef, String category, String severity, String polarity,
                             String department, String departmentRecordId, LocalDate decisionDate, LocalDate conductEndDate,
                             String title, String content, String authority, String documentNumber, String consentReference,
                             Map<String, BigDecimal> amounts, String status, int revision, Instant submittedAt, Instant updatedAt) {

    public static final String PUBLISHED = "PUBLISHED";
    public static final String WITHDRAWN = "WITHDRAWN";
    /** Negative information is kept five years from the end of the conduct (DOMAIN §6). */
    public static final int RETENTION_YEARS = 5;

    /** The day a negative record is deleted, or null for positive and neutral ones (kept while published). */
    public LocalDate deleteOn() {
        if (!"NEGATIVE".equals(polarity)) {
            return null;
        }
        return (conductEndDate != null ? conductEndDate : decisionDate).plusYears(RETENTION_YEARS);
    }

    /** Same content as {@code other}, ignoring bookkeeping (for idempotent resubmission). */
    boolean sameContent(PersonalRecord o) {
        return category.equals(o.category) && severity.equals(o.severity) && decisionDate.equals(o.decisionDate)
                && java.util.Objects.equals(conductEndDate, o.conductEndDate) && title.equals(o.title) && content.equals(o.content)
                && java.util.Objects.equals(authority, o.authority) && java.util.Objects.equals(documentNumber, o.documentNumber)
                && java.util.Objects.equals(consentReference, o.consentReference) && amountsEqual(amounts, o.amounts)
                && personRef.equals(o.personRef);
    }

    private static boolean amountsEqual(Map<String, BigDecimal> a, Map<String, BigDecimal> b) {
        if (a.size() != b.size()) {
            return false;
        }
        return a.entrySet().stream().allMatch(e -> b.containsKey(e.getKey()) && b.get(e.getKey()).compareTo(e.getValue()) == 0);
    }

    PersonalRecord revised(PersonalRecord next, Instant at) {
        return new PersonalRecord(recordId, personRef, category, next.severity, polarity, department, departmentRecordId,
                next.decisionDate, next.conductEndDate, next.title, next.content, next.authority, next.documentNumber,
                next.consentReference, next.amounts, status, revision + 1, submittedAt, at);
    }

    PersonalRecord withdrawn(Instant at) {
        return new PersonalRecord(recordId, personRef, category, severity, polarity, department, departmentRecordId, decisionDate,
                conductEndDate, title, content, authority, documentNumber, consentReference, amounts, WITHDRAWN, revision + 1,
                submittedAt, at);
    }
}
