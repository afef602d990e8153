package org.opencredit.chassis.outbox;

import java.time.Clock;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/**
 * Creates outbox messages for a service: assigns the event id, the source, the time from the
 * injected clock, and serialises the payload record to JSON.
 */
public class OutboxEvents {

    private final JsonMapper json;
    private final Clock clock;
    private final String source;

    public OutboxEvents(JsonMapper json, Clock clock, String applicationName) {
        this.json = json;
        this.clock = clock;
        this.source = "/" + applicationName;
    }

    public OutboxMessage create(String topic, String type, String subject, Object payload) {
        return new OutboxMessage(UUID.randomUUID().toString(), topic, type, source, subject, clock.instant(),
                json.writeValueAsString(payload));
    }

    public String source() {
        return source;
    }
}
