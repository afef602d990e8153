package org.opencredit.chassis.outbox;

import java.time.Instant;
import java.util.Date;

import org.bson.Document;
import org.opencredit.contracts.events.EventEnvelope;

/**
 * An event waiting in an aggregate document's {@code outbox} array. It is written in the same
 * document update as the state change that caused it, so the two commit or fail together.
 */
public record OutboxMessage(String eventId, String topic, String type, String source, String subject, Instant time,
                            String data) {

    /** Name of the array field holding pending messages in every aggregate document. */
    public static final String FIELD = "outbox";

    public EventEnvelope envelope() {
        return new EventEnvelope(eventId, type, source, subject, time, data);
    }

    static OutboxMessage fromDocument(Document d) {
        Object time = d.get("time");
        Instant instant = time instanceof Date date ? date.toInstant() : Instant.parse(String.valueOf(time));
        return new OutboxMessage(d.getString("eventId"), d.getString("topic"), d.getString("type"), d.getString("source"),
                d.getString("subject"), instant, d.getString("data"));
    }
}
