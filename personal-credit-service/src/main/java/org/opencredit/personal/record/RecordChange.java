package org.opencredit.personal.record;

import java.time.Instant;

/** One entry of a record's history: what changed, when, by which client, why, and the record as it was after. */
public record RecordChange(int revision, String change, Instant at, String by, String reason, PersonalRecord record) {
    static final String SUBMITTED = "SUBMITTED";
    static final String REVISED = "REVISED";
    static final String WITHDRAWN = "WITHDRAWN";
}
