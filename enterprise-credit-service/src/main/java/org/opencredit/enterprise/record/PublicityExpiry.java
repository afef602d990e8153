package org.opencredit.enterprise.record;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;

import io.micrometer.core.instrument.MeterRegistry;
import org.opencredit.contracts.events.EventTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Ends publication automatically: a periodic sweep (time from the injected clock) turns every
 * published record whose publicity end has passed into EXPIRED, with its event and history entry.
 */
@Component
public class PublicityExpiry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PublicityExpiry.class);

    private final ReactiveMongoTemplate mongo;
    private final RecordService records;
    private final Clock clock;
    private final Duration interval;
    private final MeterRegistry registry;
    private final org.opencredit.chassis.PeriodicTask sweeper = new org.opencredit.chassis.PeriodicTask(this::sweepLoop);

    PublicityExpiry(ReactiveMongoTemplate mongo, RecordService records, Clock clock, MeterRegistry registry,
                    @Value("${opencredit.publicity.sweep-interval:PT1H}") Duration interval) {
        this.mongo = mongo;
        this.records = records;
        this.clock = clock;
        this.registry = registry;
        this.interval = interval;
    }

    /** Expires every published record whose publicity ended before {@code today}; emits how many. */
    public Mono<Long> expireDue(LocalDate today) {
        Query due = Query.query(where("status").is(RecordStatus.PUBLISHED.name()).and("record.publicityEnds").lt(today));
        return mongo.find(due, RecordDocument.class)
                .concatMap(doc -> records.change(doc, doc.record.withStatus(RecordStatus.EXPIRED, doc.record.revision() + 1),
                                RecordChange.EXPIRED, EventTypes.RECORD_EXPIRED_V1, "publicity period ended " + doc.record.publicityEnds(),
                                "platform")
                        .doOnNext(r -> registry.counter("opencredit.records.expired", "category", r.category()).increment())
                        // changed concurrently (revised, withdrawn): the next sweep looks again
                        .onErrorResume(e -> Mono.empty()))
                .count();
    }

    @Override
    public void start() {
        sweeper.start();
    }

    private Flux<Long> sweepLoop() {
        return Flux.interval(Duration.ofSeconds(10), interval)
                .onBackpressureDrop()
                .concatMap(t -> expireDue(LocalDate.now(clock.withZone(RecordRules.ZONE)))
                        .doOnNext(n -> {
                            if (n > 0) {
                                log.info("publicity ended for {} records", n);
                            }
                        })
                        .onErrorResume(e -> {
                            log.warn("publicity sweep failed, retrying in {}: {}", interval, e.toString());
                            return Mono.just(0L);
                        }), 1);
    }

    @Override
    public void stop() {
        sweeper.stop();
    }

    @Override
    public boolean isRunning() {
        return sweeper.isRunning();
    }
}
