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
 * <p>
 * Bulk inserts may use a <em>chunk ledger</em> instead of an outbox array per document
 * ({@link #openLedger}, {@link #relayLedger}): one document listing the chunk's events is written
 * before the documents, each document names its ledger in {@link #LEDGER_FIELD}, and after the
 * events were acknowledged only the ledger is deleted, so a chunk of 1,000 documents costs the store
 * one insert and one delete for its events instead of 1,000 updates. The sweep publishes a left-over
 * ledger's events only for the documents that were stored with that ledger.
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
    /**
     * Ledgers whose chunk this relay is still storing or publishing, and since when: the sweep leaves them to
     * the fast path for the grace period (after that, e.g. when the caller's bulk insert failed, it takes them).
     */
    private final Map<String, java.time.Instant> openLedgers = new java.util.concurrent.ConcurrentHashMap<>();
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
        query.fields().include(OutboxMessage.FIELD).include(LEDGER_FIELD);
        return mongo.findOne(query, Document.class, collection).flatMap(doc -> publishAll(collection, doc)).defaultIfEmpty(0);
    }

    /** One sweep over every configured collection; emits the number of messages published. */
    public Mono<Integer> sweep() {
        // ledgers first: a document's first event waits there, its later ones in its own outbox
        return Flux.fromIterable(properties.collections()).concatMap(this::sweepLedgers)
                .concatWith(Flux.fromIterable(properties.collections()).concatMap(this::sweep))
                .reduce(0, Integer::sum);
    }

    Mono<Integer> sweep(String collection) {
        Query query = Query.query(where(OutboxMessage.FIELD + ".0").exists(true)).limit(properties.batchSize());
        query.fields().include(OutboxMessage.FIELD).include(LEDGER_FIELD);
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
            return acknowledged(mine)
                    .doOnSuccess(r -> {
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

    /** Field naming the chunk ledger that carries a bulk-inserted document's events. */
    public static final String LEDGER_FIELD = "outboxLedger";
    /** Suffix of the collection holding a collection's chunk ledgers ({@code records_outbox_ledgers}). */
    static final String LEDGERS = "_outbox_ledgers";
    /** A ledger's field holding its events in one binary value ({@link LedgerEvents}). */
    static final String LEDGER_EVENTS = "events";
    /** Ledgers read per sweep and collection: each may list a thousand events. */
    private static final int LEDGERS_PER_SWEEP = 8;

    static String ledgers(String collection) {
        return collection + LEDGERS;
    }

    /**
     * Stores one ledger listing the events of documents about to be bulk-inserted into {@code collection},
     * and emits its id. Write it <em>before</em> the documents, set {@link #LEDGER_FIELD} to the id in
     * each of them, keep their outbox arrays empty, then call {@link #relayLedger} with the ones stored.
     * Whatever happens between the writes, the sweep publishes the events of exactly the documents
     * stored with this ledger: none for a document that was never stored or already existed.
     */
    public Mono<String> openLedger(String collection, List<Written> planned) {
        String id = java.util.UUID.randomUUID().toString();
        Document ledger = new Document("_id", id).append("createdAt", new java.util.Date())
                .append("count", planned.stream().mapToInt(w -> w.messages().size()).sum());
        if (LedgerEvents.encodable(planned)) {
            ledger.append(LEDGER_EVENTS, new org.bson.types.Binary(LedgerEvents.encode(planned)));
        } else {
            List<Document> messages = new java.util.ArrayList<>();
            for (Written w : planned) {
                for (OutboxMessage m : w.messages()) {
                    messages.add(new Document("documentId", w.documentId()).append("eventId", m.eventId()).append("topic", m.topic())
                            .append("type", m.type()).append("source", m.source()).append("subject", m.subject())
                            .append("time", java.util.Date.from(m.time())).append("data", m.data()));
                }
            }
            ledger.append("messages", messages);
        }
        openLedgers.put(id, java.time.Instant.now());
        return mongo.insert(ledger, ledgers(collection)).thenReturn(id)
                .doOnError(e -> openLedgers.remove(id));
    }

    /**
     * Publishes the events of the documents a bulk insert stored with {@code ledgerId} (in write
     * order), awaits every acknowledgement, then deletes the ledger (off the caller's path). If
     * publishing fails, the ledger stays and the sweep publishes it.
     */
    public Mono<Integer> relayLedger(String collection, String ledgerId, List<Written> stored) {
        List<OutboxMessage> all = stored.stream().flatMap(w -> w.messages().stream()).toList();
        return sendAll(all)
                .doOnSuccess(n -> mongo.remove(Query.query(where("_id").is(ledgerId)), ledgers(collection))
                        .doFinally(s -> openLedgers.remove(ledgerId))
                        .subscribe(r -> { }, e -> {
                            dirty.set(true);
                            log.warn("deleting outbox ledger {} failed; the sweep will resend its events: {}", ledgerId, e.toString());
                        }))
                .doOnError(e -> openLedgers.remove(ledgerId));
    }

    /**
     * Hands {@code messages} to the producer in order and completes when Kafka acknowledged all of them (each counted
     * as published); on failure or timeout counts the failure and marks the relay dirty, so the sweep runs soon.
     */
    private Mono<Void> acknowledged(List<OutboxMessage> messages) {
        // send() may block for producer metadata or buffer space: keep it off the event loop
        return Mono.fromCallable(() -> messages.stream().map(m -> kafka.send(record(m))).toList())
                .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic())
                .flatMap(futures -> Mono.fromFuture(java.util.concurrent.CompletableFuture.allOf(
                        futures.toArray(new java.util.concurrent.CompletableFuture[0]))))
                .timeout(properties.sendTimeout())
                .doOnError(e -> {
                    failed.increment();
                    dirty.set(true);
                })
                .doOnSuccess(r -> messages.forEach(m -> published(m.topic())))
                .then();
    }

    /** Hands every unclaimed message to the producer in order and awaits all acknowledgements; emits how many. */
    private Mono<Integer> sendAll(List<OutboxMessage> messages) {
        return Mono.defer(() -> {
            List<OutboxMessage> mine = messages.stream().filter(m -> claimed.putIfAbsent(m.eventId(), Boolean.TRUE) == null).toList();
            if (mine.isEmpty()) {
                return Mono.just(0);
            }
            return acknowledged(mine)
                    .doOnError(e -> mine.forEach(m -> claimed.remove(m.eventId())))
                    .thenReturn(mine.size());
        });
    }

    /**
     * Ledgers left behind (a crash after the ledger was written, Kafka down during the chunk): the
     * events of the listed documents that are stored <em>with this ledger</em> are published in
     * ledger order; then the ledger is deleted, unless some listed document is missing and the ledger
     * is younger than the grace period (its bulk insert may still be running elsewhere).
     */
    Mono<Integer> sweepLedgers(String collection) {
        Query query = new Query().limit(LEDGERS_PER_SWEEP);
        return mongo.find(query, Document.class, ledgers(collection))
                .filter(ledger -> !openHere(String.valueOf(ledger.get("_id"))))
                .collectList()
                .doOnNext(found -> {
                    long pending = found.stream().mapToLong(l -> l.get("count") instanceof Number n ? n.longValue()
                            : l.getList("messages", Document.class, List.of()).size()).sum();
                    backlogs.put(ledgers(collection), pending);
                    found.stream().map(l -> l.getDate("createdAt")).filter(java.util.Objects::nonNull).map(java.util.Date::toInstant)
                            .min(java.util.Comparator.naturalOrder())
                            .ifPresentOrElse(t -> oldest.put(ledgers(collection), t), () -> oldest.remove(ledgers(collection)));
                })
                .flatMapMany(Flux::fromIterable)
                .concatMap(ledger -> sweepLedger(collection, ledger))
                .reduce(0, Integer::sum);
    }

    private boolean openHere(String ledgerId) {
        java.time.Instant opened = openLedgers.get(ledgerId);
        if (opened != null && opened.plus(properties.ledgerGrace()).isBefore(java.time.Instant.now())) {
            openLedgers.remove(ledgerId);
            return false;
        }
        return opened != null;
    }

    private Mono<Integer> sweepLedger(String collection, Document ledger) {
        Object ledgerId = ledger.get("_id");
        List<LedgerEvents.Listed> listed = listed(ledger);
        List<Object> ids = listed.stream().map(LedgerEvents.Listed::documentId).distinct().toList();
        Query stored = Query.query(where("_id").in(ids));
        stored.fields().include(LEDGER_FIELD);
        return mongo.find(stored, Document.class, collection)
                .collectMap(d -> d.get("_id"), d -> String.valueOf(d.get(LEDGER_FIELD)))
                .flatMap(ledgerOf -> {
                    List<OutboxMessage> ours = listed.stream().filter(m -> ledgerId.equals(ledgerOf.get(m.documentId())))
                            .map(LedgerEvents.Listed::message).toList();
                    java.util.Date created = ledger.getDate("createdAt");
                    boolean settled = ledgerOf.keySet().containsAll(ids) || created == null
                            || created.toInstant().plus(properties.ledgerGrace()).isBefore(java.time.Instant.now());
                    Mono<Void> delete = settled ? mongo.remove(Query.query(where("_id").is(ledgerId)), ledgers(collection)).then() : Mono.empty();
                    return sendAll(ours).flatMap(n -> delete.thenReturn(n));
                });
    }

    /** A ledger's events in write order: the binary form, or the sub-documents of ledgers written before it. */
    private static List<LedgerEvents.Listed> listed(Document ledger) {
        if (ledger.get(LEDGER_EVENTS) instanceof org.bson.types.Binary binary) {
            return LedgerEvents.decode(binary.getData());
        }
        return ledger.getList("messages", Document.class, List.of()).stream()
                .map(m -> new LedgerEvents.Listed(m.get("documentId"), OutboxMessage.fromDocument(m))).toList();
    }

    /** True when the document's first events wait in a ledger that still exists: they must leave first. */
    private Mono<Boolean> behindLedger(String collection, Document doc) {
        Object ledgerId = doc.get(LEDGER_FIELD);
        if (ledgerId == null) {
            return Mono.just(false);
        }
        return mongo.exists(Query.query(where("_id").is(ledgerId)), ledgers(collection));
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
        return behindLedger(collection, doc).flatMap(behind -> {
                    if (behind) {
                        // the ledger's sweep publishes the document's first event; these follow in a later sweep
                        dirty.set(true);
                        mine.forEach(m -> claimed.remove(m.eventId()));
                        return Mono.just(0);
                    }
                    return Flux.fromIterable(mine)
                            .concatMap(this::send)
                            .then(markSent(collection, id, mine))
                            .thenReturn(mine.size());
                })
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
