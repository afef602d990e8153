package org.opencredit.chassis.outbox;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Publishes outbox messages and then removes them from their document. At least once: a message
 * is removed only after Kafka acknowledged it ({@code acks=all}, idempotent producer), so a crash
 * between the two publishes it again and consumers deduplicate by event id.
 * <p>
 * Two paths: {@link #relaySoon} right after a write (low latency), and a periodic sweep that finds
 * whatever is left (a service killed after its write, Kafka down at the time).
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final ReactiveMongoTemplate mongo;
    private final KafkaTemplate<String, String> kafka;
    private final OutboxProperties properties;
    private final MeterRegistry registry;
    private final Counter failed;
    /** Unsent messages per collection, and the time of the oldest one, as the last sweep found them. */
    private final java.util.Map<String, Long> backlogs = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, java.time.Instant> oldest = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * Event ids this relay is publishing or has published: the fast path and the sweep may see the
     * same message, and only one of them should send it. Bounded; an id is released on failure so
     * the next sweep retries it. (Across replicas duplicates remain possible: consumers deduplicate.)
     */
    private final Map<String, Boolean> claimed = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 100_000;
        }
    });
    private final org.opencredit.chassis.PeriodicTask sweeper = new org.opencredit.chassis.PeriodicTask(this::sweepLoop);
    /** Set when a publish failed: the next tick sweeps at once instead of waiting for the idle interval. */
    private final java.util.concurrent.atomic.AtomicBoolean dirty = new java.util.concurrent.atomic.AtomicBoolean(true);
    private volatile long lastSweep;
    private volatile int lastFound;

    public OutboxRelay(ReactiveMongoTemplate mongo, KafkaTemplate<String, String> kafka, OutboxProperties properties,
                       MeterRegistry registry) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.properties = properties;
        this.registry = registry;
        this.failed = Counter.builder("opencredit.outbox.publish.failures")
                .description("outbox publish attempts that failed and were left for the next sweep").register(registry);
        io.micrometer.core.instrument.Gauge.builder("opencredit.outbox.backlog", backlogs,
                        b -> b.values().stream().mapToLong(Long::longValue).sum())
                .description("messages written to the outbox and not yet published (as of the last sweep)").register(registry);
        io.micrometer.core.instrument.Gauge.builder("opencredit.outbox.oldest.age", oldest,
                        o -> o.values().stream().min(java.util.Comparator.naturalOrder())
                                .map(t -> Math.max(0, java.time.Duration.between(t, java.time.Instant.now()).toMillis() / 1000.0))
                                .orElse(0.0))
                .baseUnit("seconds")
                .description("age of the oldest unsent outbox message (as of the last sweep); grows while Kafka is unreachable")
                .register(registry);
    }

    /** Publishes the pending messages of one document in the background; failures wait for the sweep. */
    public void relaySoon(String collection, Object documentId) {
        relay(collection, documentId).subscribe(n -> { }, e -> log.warn("outbox fast path for {} left to sweep: {}", collection, e.toString()));
    }

    /** Publishes the pending messages of one document, in order; emits how many were published. */
    public Mono<Integer> relay(String collection, Object documentId) {
        Query query = Query.query(where("_id").is(documentId));
        query.fields().include(OutboxMessage.FIELD);
        return mongo.findOne(query, Document.class, collection).flatMap(doc -> publishAll(collection, doc)).defaultIfEmpty(0);
    }

    /** One sweep over every configured collection; emits the number of messages published. */
    public Mono<Integer> sweep() {
        return Flux.fromIterable(properties.collections()).concatMap(this::sweep).reduce(0, Integer::sum);
    }

    Mono<Integer> sweep(String collection) {
        Query query = Query.query(where(OutboxMessage.FIELD + ".0").exists(true)).limit(properties.batchSize());
        query.fields().include(OutboxMessage.FIELD);
        return mongo.find(query, Document.class, collection)
                .collectList()
                .doOnNext(docs -> {
                    backlogs.put(collection, docs.stream().mapToLong(d -> d.getList(OutboxMessage.FIELD, Document.class).size()).sum());
                    java.util.Optional<java.time.Instant> first = docs.stream()
                            .flatMap(d -> d.getList(OutboxMessage.FIELD, Document.class).stream())
                            .map(m -> OutboxMessage.fromDocument(m).time())
                            .min(java.util.Comparator.naturalOrder());
                    first.ifPresentOrElse(t -> oldest.put(collection, t), () -> oldest.remove(collection));
                })
                .flatMapMany(Flux::fromIterable)
                .concatMap(doc -> publishAll(collection, doc))
                .reduce(0, Integer::sum);
    }

    /** A document just written and the messages it carries. */
    public record Written(Object documentId, List<OutboxMessage> messages) {
    }

    /**
     * Publishes what a bulk write just stored, without reading it back: every message is handed to
     * the producer in write order (one key's messages stay ordered: idempotent producer, same
     * partition), all acknowledgements are awaited, then one update marks them all sent.
     */
    public Mono<Integer> relayWritten(String collection, List<Written> written) {
        return Mono.defer(() -> {
            List<OutboxMessage> mine = new java.util.ArrayList<>();
            List<Object> ids = new java.util.ArrayList<>();
            for (Written w : written) {
                boolean any = false;
                for (OutboxMessage m : w.messages()) {
                    if (claimed.putIfAbsent(m.eventId(), Boolean.TRUE) == null) {
                        mine.add(m);
                        any = true;
                    }
                }
                if (any) {
                    ids.add(w.documentId());
                }
            }
            if (mine.isEmpty()) {
                return Mono.just(0);
            }
            // send() may block for producer metadata or buffer space: keep it off the event loop
            return Mono.fromCallable(() -> mine.stream().map(m -> kafka.send(record(m))).toList())
                    .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic())
                    .flatMap(futures -> Mono.fromFuture(java.util.concurrent.CompletableFuture.allOf(
                            futures.toArray(new java.util.concurrent.CompletableFuture[0]))))
                    .timeout(properties.sendTimeout())
                    .doOnError(e -> {
                        failed.increment();
                        dirty.set(true);
                    })
                    .doOnSuccess(r -> {
                        mine.forEach(m -> published(m.topic()));
                        // Published (acknowledged by all in-sync replicas): the caller may go on. Marking them
                        // sent is bookkeeping that may finish later; if it fails, the sweep publishes them again
                        // and consumers drop the duplicates.
                        markWrittenSent(collection, written, ids, mine).subscribe(ok -> { }, e -> {
                            dirty.set(true);
                            mine.forEach(m -> claimed.remove(m.eventId()));
                            log.warn("marking {} outbox messages sent failed; the sweep will resend them: {}", mine.size(), e.toString());
                        });
                    })
                    .thenReturn(mine.size())
                    .doOnError(e -> mine.forEach(m -> claimed.remove(m.eventId())));
        });
    }

    /**
     * Marks sent what was just published, one update per document in a single unordered bulk
     * request. Each update selects by {@code _id} alone: the embedded MongoDB-wire server uses an
     * index only when the filter's keys are exactly the index's keys.
     */
    private Mono<Void> markWrittenSent(String collection, List<Written> written, List<Object> ids, List<OutboxMessage> sent) {
        java.util.Set<String> sentIds = sent.stream().map(OutboxMessage::eventId).collect(java.util.stream.Collectors.toSet());
        org.springframework.data.mongodb.core.ReactiveBulkOperations bulk =
                mongo.bulkOps(org.springframework.data.mongodb.core.BulkOperations.BulkMode.UNORDERED, collection);
        for (Written w : written) {
            List<String> mineHere = w.messages().stream().map(OutboxMessage::eventId).filter(sentIds::contains).toList();
            if (!mineHere.isEmpty()) {
                bulk.updateOne(Query.query(where("_id").is(w.documentId())),
                        new Update().pull(OutboxMessage.FIELD, Query.query(where("eventId").in(mineHere))));
            }
        }
        return bulk.execute().then();
    }

    private static ProducerRecord<String, String> record(OutboxMessage message) {
        RecordHeaders headers = new RecordHeaders();
        message.envelope().headers().forEach(headers::add);
        return new ProducerRecord<>(message.topic(), null, message.subject(), message.data(), headers);
    }

    private Mono<Integer> publishAll(String collection, Document doc) {
        List<Document> pending = doc.getList(OutboxMessage.FIELD, Document.class, List.of());
        Object id = doc.get("_id");
        List<OutboxMessage> mine = pending.stream().map(OutboxMessage::fromDocument)
                .filter(m -> claimed.putIfAbsent(m.eventId(), Boolean.TRUE) == null)
                .toList();
        if (mine.isEmpty()) {
            return Mono.just(0);
        }
        // concatMap: one subject's events leave in the order they were written; then one update marks them all sent
        return Flux.fromIterable(mine)
                .concatMap(this::send)
                .then(markSent(collection, id, mine))
                .thenReturn(mine.size())
                .doOnError(e -> mine.forEach(m -> claimed.remove(m.eventId())));
    }

    private Mono<Void> send(OutboxMessage message) {
        return Mono.fromFuture(() -> kafka.send(record(message)))
                .timeout(properties.sendTimeout())
                .doOnError(e -> {
                    failed.increment();
                    dirty.set(true);
                })
                .doOnSuccess(r -> {
                    published(message.topic());
                    log.debug("published {} {} for {}", message.type(), message.eventId(), message.subject());
                })
                .then();
    }

    /** Events published, by topic (acknowledged by Kafka). */
    private void published(String topic) {
        Counter.builder("opencredit.outbox.published").description("outbox messages published to Kafka, by topic").tag("topic", topic)
                .register(registry).increment();
    }

    private Mono<Void> markSent(String collection, Object documentId, List<OutboxMessage> sent) {
        List<String> ids = sent.stream().map(OutboxMessage::eventId).toList();
        Update markSent = new Update().pull(OutboxMessage.FIELD, Query.query(where("eventId").in(ids)));
        return mongo.updateFirst(Query.query(where("_id").is(documentId)), markSent, collection).then();
    }

    @Override
    public void start() {
        if (!properties.collections().isEmpty()) {
            sweeper.start();
        }
    }

    private Flux<Integer> sweepLoop() {
        return Flux.interval(java.time.Duration.ZERO, properties.sweepInterval())
                .onBackpressureDrop()
                .filter(tick -> sweepDue())
                .concatMap(tick -> {
                    dirty.set(false);
                    lastSweep = System.nanoTime();
                    return sweep().doOnNext(n -> lastFound = n).onErrorResume(e -> {
                        dirty.set(true);
                        log.warn("outbox sweep failed, retrying in {}: {}", properties.sweepInterval(), e.toString());
                        return Mono.just(0);
                    });
                }, 1);
    }

    /**
     * A sweep scans for documents with pending messages, which costs a collection scan where no
     * index helps (the embedded store). It runs at start (a crash may have left messages), after any
     * failure, while it keeps finding messages, and otherwise only every idle interval.
     */
    private boolean sweepDue() {
        return dirty.get() || lastFound > 0
                || System.nanoTime() - lastSweep >= properties.idleSweepInterval().toNanos();
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
