package org.opencredit.enterprise.record;

import java.time.Instant;

import org.opencredit.chassis.outbox.OutboxEvents;
import org.opencredit.chassis.outbox.OutboxMessage;
import org.opencredit.contracts.events.RecordChanged;
import org.opencredit.contracts.events.Topics;
import org.springframework.stereotype.Component;

/** The record events, keyed by USCC so one subject's changes stay in order. */
@Component
class RecordEvents {

    private final OutboxEvents events;

    RecordEvents(OutboxEvents events) {
        this.events = events;
    }

    OutboxMessage of(String type, CreditRecord r, String reason, Instant at) {
        return events.create(Topics.RECORD, type, r.uscc(), new RecordChanged(r.recordId(), r.uscc(), r.category(),
                r.severity(), r.polarity(), r.department(), r.decisionDate(), r.publicityEnds(), r.status().name(),
                r.revision(), reason, at));
    }
}
