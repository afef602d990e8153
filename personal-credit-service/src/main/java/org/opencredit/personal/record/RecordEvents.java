package org.opencredit.personal.record;

import java.time.Instant;

import org.opencredit.chassis.outbox.OutboxEvents;
import org.opencredit.chassis.outbox.OutboxMessage;
import org.opencredit.contracts.events.PersonRecordChanged;
import org.opencredit.contracts.events.Topics;
import org.springframework.stereotype.Component;

/**
 * Person-record events, keyed by the person's opaque reference so one person's changes stay in order,
 * carrying the person's platform-wide pseudonym (never the identity number).
 */
@Component
public class RecordEvents {

    private final OutboxEvents events;

    RecordEvents(OutboxEvents events) {
        this.events = events;
    }

    public OutboxMessage of(String type, PersonalRecord r, String subjectPseudonym, String status, int revision, boolean disputed,
                            String objectionId, String outcome, String reason, Instant at) {
        return events.create(Topics.PERSON_RECORD, type, r.personRef(), new PersonRecordChanged(r.recordId(), r.personRef(),
                r.category(), r.severity(), r.polarity(), r.department(), r.decisionDate(), status, revision, disputed, objectionId,
                outcome, reason, at, subjectPseudonym));
    }

    OutboxMessage of(String type, PersonalRecordDocument d, String objectionId, String outcome, String reason, Instant at) {
        return of(type, d.record, d.subjectPseudonym, d.record.status(), d.record.revision(), d.disputed, objectionId, outcome, reason, at);
    }
}
