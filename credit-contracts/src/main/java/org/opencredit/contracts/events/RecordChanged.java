package org.opencredit.contracts.events;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A credit record of a legal-person subject changed: published, revised, withdrawn, expired or
 * repaired (the {@code ce_type} says which). Topic {@link Topics#RECORD}, key = USCC. Schema:
 * {@code schemas/org.opencredit.record.v1.json} for all five types.
 *
 * @param status     the record's status after the change (PUBLISHED, WITHDRAWN, EXPIRED, REPAIRED)
 * @param revision   the record's revision after the change; consumers ignore older revisions
 * @param reason     why it was revised, withdrawn or repaired; null when published or expired
 */
public record RecordChanged(String recordId, String uscc, String category, String severity, String polarity,
                            String department, LocalDate decisionDate, LocalDate publicityEnds, String status, int revision,
                            String reason, Instant changedAt) {
}
