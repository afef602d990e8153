package org.opencredit.personal.retention;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.opencredit.chassis.PeriodicTask;
import org.opencredit.chassis.outbox.OutboxMessage;
import org.opencredit.chassis.outbox.OutboxRelay;
import org.opencredit.contracts.events.EventTypes;
import org.opencredit.personal.person.PersonDocument;
import org.opencredit.personal.record.PersonalRecord;
import org.opencredit.personal.record.PersonalRecordDocument;
import org.opencredit.personal.record.RecordEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Deletes negative records five years after the end of the conduct (DOMAIN §6), as of the injected
 * clock's date. Deleted means removed from the store, history and objections with it. The
 * {@code person-record.deleted} event is first written to the person's outbox (the record's own
 * document disappears), then the record is removed; a crash in between leaves the record for the
 * next run, which emits the event again (consumers deduplicate by record and revision).
 */
@Component
public class RetentionJob implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final ReactiveMongoTemplate mongo;
    private final RecordEvents events;
    private final OutboxRelay relay;
    private final RetentionProperties properties;
    private final Clock clock;
    private final Counter deleted;
    private final PeriodicTask task;

    RetentionJob(ReactiveMongoTemplate mongo, RecordEvents events, OutboxRelay relay, RetentionProperties properties, Clock clock,
                 MeterRegistry registry) {
        this.mongo = mongo;
        this.events = events;
        this.relay = relay;
        this.properties = properties;
        this.clock = clock;
        this.deleted = Counter.builder("opencredit.persons.records.deleted").tag("reason", "retention")
                .description("negative personal records deleted five years after the end of the conduct").register(registry);
        this.task = new PeriodicTask(() -> Flux.interval(properties.interval(), properties.interval())
                .onBackpressureDrop()
                .concatMap(tick -> runOnce().onErrorResume(e -> {
                    log.warn("retention run failed, retrying in {}: {}", properties.interval(), e.toString());
                    return Mono.just(0);
                }), 1));
    }

    /** One run as of today's date by the injected clock; emits how many records were deleted. */
    public Mono<Integer> runOnce() {
        LocalDate today = LocalDate.now(clock);
        Query due = Query.query(where("deleteOn").lte(today.toString())).limit(properties.batchSize());
        return mongo.find(due, PersonalRecordDocument.class)
                .concatMap(doc -> delete(doc, today))
                .reduce(0, Integer::sum)
                .doOnNext(n -> {
                    if (n > 0) {
                        log.info("retention deleted {} negative personal records due by {}", n, today);
                    }
                });
    }

    private Mono<Integer> delete(PersonalRecordDocument doc, LocalDate today) {
        PersonalRecord r = recordOf(doc);
        Instant now = clock.instant();
        OutboxMessage event = events.of(EventTypes.PERSON_RECORD_DELETED_V1, r, doc.subjectPseudonym(), "DELETED", r.revision() + 1, false, null, null,
                "retention: negative information is kept " + PersonalRecord.RETENTION_YEARS + " years from the end of the conduct, "
                        + "due " + r.deleteOn(), now);
        return mongo.updateFirst(Query.query(where("_id").is(r.personRef())), new Update().push(OutboxMessage.FIELD, event),
                        PersonDocument.class)
                .then(mongo.remove(Query.query(where("_id").is(r.recordId())), PersonalRecordDocument.class))
                .map(result -> {
                    relay.relaySoon(PersonDocument.COLLECTION, r.personRef());
                    deleted.increment(result.getDeletedCount());
                    return (int) result.getDeletedCount();
                });
    }

    private static PersonalRecord recordOf(PersonalRecordDocument doc) {
        return doc.record();
    }

    @Override
    public void start() {
        task.start();
    }

    @Override
    public void stop() {
        task.stop();
    }

    @Override
    public boolean isRunning() {
        return task.isRunning();
    }
}
