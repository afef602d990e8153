package org.opencredit.personal.record;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A person's objection to a record: the record is flagged disputed at once, and the objection must
 * be answered in writing within {@link #RESOLUTION_DAYS} days.
 *
 * @param revisionAtOpening the record's revision when the objection was opened (an accepted objection needs a later one, or a withdrawal)
 * @param status            OPEN, ACCEPTED or REJECTED
 */
public record Objection(String objectionId, String grounds, Instant openedAt, LocalDate dueBy, String openedBy, int revisionAtOpening,
                        String status, Instant resolvedAt, String resolvedBy, String answer) {
    public static final int RESOLUTION_DAYS = 20;
    public static final String OPEN = "OPEN";
    public static final String ACCEPTED = "ACCEPTED";
    public static final String REJECTED = "REJECTED";

    Objection resolved(String outcome, String by, String answer, Instant at) {
        return new Objection(objectionId, grounds, openedAt, dueBy, openedBy, revisionAtOpening, outcome, at, by, answer);
    }
}
