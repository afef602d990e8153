package org.opencredit.enterprise.record;

import java.time.Instant;

/**
 * One entry of a record's history: what changed, when, why, and the record as it was after the
 * change. Auditors read the whole list.
 */
public record RecordChange(int revision, String change, Instant at, String by, String reason, CreditRecord record) {
    public static final String SUBMITTED = "SUBMITTED";
    public static final String REVISED = "REVISED";
    public static final String WITHDRAWN = "WITHDRAWN";
    public static final String EXPIRED = "EXPIRED";
    public static final String REPAIRED = "REPAIRED";
}
