package org.opencredit.rating.facts;

import java.time.LocalDate;

/**
 * What the rating knows of one credit record: enough to score it and to point at it in an
 * explanation. Kept per record id; a change with a lower revision than the one kept is ignored.
 *
 * @param status PUBLISHED, WITHDRAWN, EXPIRED, REPAIRED or DELETED; only PUBLISHED records count
 */
public record RecordFact(String recordId, String category, String severity, String polarity, String department,
                         LocalDate decisionDate, LocalDate publicityEnds, String status, int revision, boolean disputed) {

    public static final String PUBLISHED = "PUBLISHED";

    /** Whether the record counts on {@code day}: published, decided by then, and still in publicity. */
    public boolean inForce(LocalDate day) {
        return PUBLISHED.equals(status) && (decisionDate == null || !decisionDate.isAfter(day))
                && (publicityEnds == null || day.isBefore(publicityEnds));
    }
}
