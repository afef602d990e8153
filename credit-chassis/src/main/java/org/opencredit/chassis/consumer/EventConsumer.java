package org.opencredit.chassis.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.bson.Document;
import org.opencredit.contracts.events.EventEnvelope;
import org.opencredit.contracts.events.MalformedEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Idempotent event handling: reads the CloudEvents envelope, skips event ids this consumer has
 * already processed, runs the handler, then records the id. A handler that fails is retried with
 * back-off by the listener container and, when retries are exhausted or the record is malformed,
 * dead-lettered to {@code <topic>-dlt} (see {@code ConsumerErrorHandling}).
 * <p>
 * The id is recorded after the handler, so a crash in between runs the handler again: handlers
 * must be idempotent upserts, which read models naturally are.
 */
public class EventConsumer {

    /** Collection of processed event ids, in each service's own database. */
    public static final String COLLECTION = "processed_events";
    private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);
    private static final Duration HANDLER_TIMEOUT = Duration.ofSeconds(30);

    private final ReactiveMongoTemplate mongo;
    private final MeterRegistry registry;
    private final JsonMapper json;

    public EventConsumer(ReactiveMongoTemplate mongo, MeterRegistry registry, JsonMapper json) {
        this.mongo = mongo;
        this.registry = registry;
        // Events are read tolerantly: a producer may add an optional field (contracts evolve by
        // addition) before every consumer is redeployed. The service's own mapper may reject unknown
        // fields for API writes; that must not dead-letter a newer event.
        this.json = json.rebuild().disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    /** Reads an event's JSON payload; a payload that does not fit the type is poison, never retried. */
    public <T> T payload(EventEnvelope event, Class<T> type) {
        try {
            return json.readValue(event.data(), type);
        } catch (JacksonException e) {
            throw new PoisonEventException("payload of " + event.type() + " " + event.id() + " is not a valid "
                    + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }

    /**
     * Handles one record for the named consumer, accepting only the given event types (others on
     * the topic are skipped, so producers may add types without breaking consumers).
     */
    public void handle(String consumer, ConsumerRecord<String, String> record, Set<String> acceptedTypes,
                       Function<EventEnvelope, Mono<?>> handler) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value());
        }
        EventEnvelope event = EventEnvelope.fromHeaders(headers, record.value());
        if (!acceptedTypes.contains(event.type())) {
            count(consumer, record.topic(), "ignored");
            return;
        }
        String key = consumer + "/" + event.id();
        // Blocking on purpose: this runs on the Kafka listener's own thread, never on an event loop,
        // and the container must not commit the offset before the handler finished.
        Boolean seen = mongo.exists(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is(key)), COLLECTION).block(HANDLER_TIMEOUT);
        if (Boolean.TRUE.equals(seen)) {
            count(consumer, record.topic(), "duplicate");
            log.debug("{} skips already processed event {}", consumer, event.id());
            return;
        }
        Document processed = new Document("_id", key).append("consumer", consumer).append("type", event.type())
                .append("subject", event.subject()).append("processedAt", java.util.Date.from(Instant.now()));
        handler.apply(event)
                .then(mongo.insert(processed, COLLECTION).onErrorResume(DuplicateKeyException.class, e -> Mono.empty()))
                .block(HANDLER_TIMEOUT);
        count(consumer, record.topic(), "processed");
    }

    private void count(String consumer, String topic, String outcome) {
        registry.counter("opencredit.events.consumed", "consumer", consumer, "topic", topic, "outcome", outcome).increment();
    }

    /** Thrown by handlers for payloads that can never succeed; dead-lettered without retries. */
    public static class PoisonEventException extends MalformedEventException {
        public PoisonEventException(String message) {
            super(message);
        }
    }
}
