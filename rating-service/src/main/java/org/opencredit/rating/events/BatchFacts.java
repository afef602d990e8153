package org.opencredit.rating.events;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.bson.Document;
import org.opencredit.chassis.outbox.OutboxMessage;
import org.opencredit.chassis.outbox.OutboxRelay;
import org.opencredit.contracts.events.EventEnvelope;
import org.opencredit.contracts.events.MalformedEventException;
import org.opencredit.rating.events.FactConsumers.Change;
import org.opencredit.rating.rating.RatedSubject;
import org.opencredit.rating.rating.RatingService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies a batch of record events in a handful of store round trips instead of several per event,
 * so rating keeps up with departments' bulk ingest: one {@code $in} read of the subjects (without
 * their history), one unordered bulk write (each subject's facts merged in event order and re-rated
 * once; a history entry appended, not the history rewritten; subjects not yet stored inserted), one
 * publish of what was written. New subjects' first events travel in one outbox ledger per batch
 * (written before the subjects, deleted once published); stored subjects' events in their outbox
 * arrays, marked sent by one bulk update.
 * <p>
 * Same guarantees as the per-event path: a subject's write is conditional on the lock it read; a
 * subject whose write lost a race (checked by this batch's write id) is redone event by event
 * through {@link RatingService#update}, which retries on fresh state. A malformed event is
 * dead-lettered after the events before it were applied (the container commits up to it).
 */
@Component
public class BatchFacts {

    private static final Logger log = LoggerFactory.getLogger(BatchFacts.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Fields a batch's update of a stored subject sets whole (null included: a cleared candidate or review must not survive). */
    private static final List<String> SET = List.of("subjectKind", "name", "regionCode", "industryCode", "entityKind", "records",
            "lists", "current", "candidate", "review", "nextReviewOn", "version", "lock", "updatedAt", "pseudonym");

    private final ReactiveMongoTemplate mongo;
    private final RatingService ratings;
    private final OutboxRelay relay;
    private final MeterRegistry registry;

    BatchFacts(ReactiveMongoTemplate mongo, RatingService ratings, OutboxRelay relay, MeterRegistry registry) {
        this.mongo = mongo;
        this.ratings = ratings;
        this.relay = relay;
        this.registry = registry;
    }

    private record Item(String key, EventEnvelope event, Change change) {
    }

    /** Handles a batch polled by {@code consumerName}; blocking on purpose (the listener thread, offsets commit after). */
    public void handle(String consumerName, List<ConsumerRecord<String, String>> records, Set<String> types,
                       Function<EventEnvelope, Change> toChange) {
        List<Item> items = new ArrayList<>();
        RuntimeException poison = null;
        int poisonIndex = -1;
        for (int i = 0; i < records.size() && poison == null; i++) {
            ConsumerRecord<String, String> r = records.get(i);
            try {
                EventEnvelope event = envelope(r);
                if (!types.contains(event.type())) {
                    count(consumerName, r.topic(), "ignored", 1);
                    continue;
                }
                Change change = toChange.apply(event);
                if (change != null) {
                    items.add(new Item(consumerName + "/" + event.id(), event, change));
                }
            } catch (MalformedEventException e) {
                poison = e;
                poisonIndex = i;
            }
        }
        if (!items.isEmpty()) {
            apply(consumerName, records.get(0).topic(), items).block(TIMEOUT);
        }
        if (poison != null) {
            throw new BatchListenerFailedException(poison.getMessage(), poison, poisonIndex);
        }
    }

    /** The event a polled record carries (CloudEvents binary mode: attributes in headers). */
    public static EventEnvelope envelope(ConsumerRecord<String, String> r) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), h.value());
        }
        return EventEnvelope.fromHeaders(headers, r.value());
    }

    /**
     * Idempotent without per-event bookkeeping: a fact replaces the kept one only at a higher revision, so a
     * redelivered event changes nothing and writes nothing (no read or insert of processed event ids, which
     * would cost the store as much as the subjects themselves). The same event twice in one poll is applied once.
     */
    private Mono<Void> apply(String consumerName, String topic, List<Item> all) {
        Set<String> fresh = new LinkedHashSet<>();
        List<Item> items = all.stream().filter(i -> fresh.add(i.key())).toList();
        count(consumerName, topic, "duplicate", all.size() - items.size());
        return write(items).doOnSuccess(v -> count(consumerName, topic, "processed", items.size()));
    }

    private Mono<Void> write(List<Item> items) {
        Map<String, List<Item>> bySubject = new LinkedHashMap<>();
        items.forEach(i -> bySubject.computeIfAbsent(i.change().subject(), k -> new ArrayList<>()).add(i));
        String writeId = UUID.randomUUID().toString();
        // the history is only appended to here: it is neither read nor rewritten (it is most of a subject's size);
        // read in lists of 100 ids (RatingService.chunks: the embedded store's $in costs n² per read)
        return Flux.fromIterable(RatingService.chunks(bySubject.keySet()))
                .flatMap(chunk -> {
                    Query subjects = Query.query(where("_id").in(chunk));
                    subjects.fields().exclude("history").exclude("outbox");
                    return mongo.find(subjects, RatedSubject.class, RatedSubject.COLLECTION);
                }, 4)
                .collectMap(RatedSubject::subject)
                .flatMap(stored -> {
                    Writes writes = new Writes(writeId);
                    Map<String, List<Item>> whole = new LinkedHashMap<>();
                    for (var entry : bySubject.entrySet()) {
                        String subject = entry.getKey();
                        if (entry.getValue().stream().anyMatch(i -> i.change().needsHistory())) {
                            // rewrites the history (retention deletion): event by event on the whole document
                            whole.put(subject, entry.getValue());
                            continue;
                        }
                        RatedSubject read = stored.getOrDefault(subject,
                                RatingService.emptySubject(subject, entry.getValue().get(0).change().subjectKind()));
                        RatedSubject state = read;
                        List<String> reasons = new ArrayList<>();
                        for (Item i : entry.getValue()) {
                            RatedSubject next = i.change().apply().apply(state);
                            if (next != null) {
                                state = next;
                                reasons.add(i.change().reason());
                            }
                        }
                        if (reasons.isEmpty()) {
                            continue;
                        }
                        String reason = reasons.size() == 1 ? reasons.get(0)
                                : reasons.size() + " changes: " + String.join("; ", reasons.subList(0, Math.min(5, reasons.size())))
                                + (reasons.size() > 5 ? "; ..." : "");
                        writes.add(read, ratings.rerate(state, reason), entry.getValue());
                    }
                    Mono<Void> wholeDocuments = Flux.fromIterable(whole.values())
                            .concatMap(changes -> Flux.fromIterable(changes).concatMap(i -> ratings.update(i.change().subject(),
                                    i.change().subjectKind(), i.change().apply(), i.change().reason())))
                            .then();
                    if (writes.attempted.isEmpty()) {
                        return wholeDocuments;
                    }
                    // new subjects' first events go to one ledger for the batch, written before them (see OutboxRelay.openLedger):
                    // no second update per subject to mark them sent
                    Mono<String> ledger = writes.created.isEmpty() ? Mono.just("")
                            : relay.openLedger(RatedSubject.COLLECTION, written(writes.created));
                    return ledger.flatMap(ledgerId -> mongo.getCollection(RatedSubject.COLLECTION)
                                    .flatMap(c -> Mono.from(c.bulkWrite(writes.models(ledgerId), new BulkWriteOptions().ordered(false))))
                                    .map(r -> r.getMatchedCount() + r.getInsertedCount() == writes.attempted.size())
                                    // a lost race (stale lock, or another writer created the subject) is found by verify
                                    .onErrorResume(MongoBulkWriteException.class, e -> Mono.just(false))
                                    .flatMap(all -> all ? publish(ledgerId, writes.updated, writes.created)
                                            : verify(writes, ledgerId)))
                            .then(wholeDocuments);
                });
    }

    /**
     * The batch's writes, as the store's own documents, written once by {@link RecordDocuments} (the template's query,
     * update and entity mapping of whole subject documents cost the consumer more than the store's work): new subjects
     * are inserted, with their events in the batch's ledger; stored ones are updated conditionally on the lock they were
     * read with, their events pushed to their outbox, their history entry appended.
     */
    private final class Writes {

        private final String writeId;
        private final Map<String, List<Item>> attempted = new LinkedHashMap<>();
        private final Map<String, List<OutboxMessage>> updated = new LinkedHashMap<>();
        private final Map<String, List<OutboxMessage>> created = new LinkedHashMap<>();
        private final List<UpdateOneModel<Document>> updates = new ArrayList<>();
        private final List<Document> inserts = new ArrayList<>();

        Writes(String writeId) {
            this.writeId = writeId;
        }

        void add(RatedSubject read, RatingService.Rerated rerated, List<Item> items) {
            RatedSubject s = rerated.subject();
            String subject = s.subject();
            long version = read.version() + 1;
            // the history was not read, so it holds just this change's entry (if any): appended, not rewritten (the
            // per-subject limit is applied by the next whole-document write, see RatedSubject.HISTORY_LIMIT)
            RatedSubject written = new RatedSubject(subject, s.subjectKind(), s.name(), s.regionCode(), s.industryCode(),
                    s.entityKind(), s.records(), s.lists(), s.current(), s.candidate(), s.review(), s.nextReviewOn(),
                    rerated.events().isEmpty() ? List.of() : s.history(), rerated.events(), version,
                    RatedSubject.lockOf(subject, version), s.updatedAt(), s.pseudonym());
            Document doc = RecordDocuments.write(written);
            doc.put("writeId", writeId);
            attempted.put(subject, items);
            if (read.stored()) {
                Document set = new Document();
                SET.forEach(f -> set.put(f, doc.get(f)));
                set.put("writeId", writeId);
                Document update = new Document("$set", set);
                if (!rerated.events().isEmpty()) {
                    update.put("$push", new Document("history", new Document("$each", doc.get("history")))
                            .append(OutboxMessage.FIELD, new Document("$each", doc.get(OutboxMessage.FIELD))));
                    updated.put(subject, rerated.events());
                }
                updates.add(new UpdateOneModel<>(new Document("lock", read.lock()), update));
            } else {
                doc.put(OutboxMessage.FIELD, List.of());
                if (!rerated.events().isEmpty()) {
                    created.put(subject, rerated.events());
                }
                inserts.add(doc);
            }
        }

        List<WriteModel<Document>> models(String ledgerId) {
            List<WriteModel<Document>> models = new ArrayList<>(updates);
            for (Document doc : inserts) {
                if (created.containsKey(doc.getString("_id"))) {
                    doc.put(OutboxRelay.LEDGER_FIELD, ledgerId);
                }
                models.add(new InsertOneModel<>(doc));
            }
            return models;
        }
    }

    /** Subjects this batch did not write (another writer won) are redone event by event; the rest are published. */
    private Mono<Void> verify(Writes writes, String ledgerId) {
        Query q = Query.query(where("_id").in(writes.attempted.keySet()));
        q.fields().include("_id").include("writeId");
        return mongo.find(q, Document.class, RatedSubject.COLLECTION)
                .collectMap(d -> d.getString("_id"), d -> String.valueOf(d.getString("writeId")))
                .flatMap(written -> {
                    Map<String, List<OutboxMessage>> updated = new LinkedHashMap<>();
                    Map<String, List<OutboxMessage>> created = new LinkedHashMap<>();
                    List<String> lost = new ArrayList<>();
                    for (String subject : writes.attempted.keySet()) {
                        if (writes.writeId.equals(written.get(subject))) {
                            if (writes.updated.containsKey(subject)) {
                                updated.put(subject, writes.updated.get(subject));
                            }
                            if (writes.created.containsKey(subject)) {
                                created.put(subject, writes.created.get(subject));
                            }
                        } else {
                            lost.add(subject);
                        }
                    }
                    // subjects whose batch change produced nothing (duplicates, older revisions) were not written: not lost
                    Flux<RatedSubject> redo = Flux.fromIterable(lost)
                            .concatMap(subject -> Flux.fromIterable(writes.attempted.get(subject))
                                    .concatMap(i -> ratings.update(i.change().subject(), i.change().subjectKind(), i.change().apply(),
                                            i.change().reason())));
                    return publish(ledgerId, updated, created).then(redo.then());
                });
    }

    private static List<OutboxRelay.Written> written(Map<String, List<OutboxMessage>> queued) {
        return queued.entrySet().stream().map(e -> new OutboxRelay.Written(e.getKey(), e.getValue())).toList();
    }

    /**
     * Publishes what was written without reading it back: the stored subjects' events from their outbox arrays, the new
     * subjects' from the ledger (which the sweep publishes for exactly the subjects stored with it if this fails).
     */
    private Mono<Void> publish(String ledgerId, Map<String, List<OutboxMessage>> updated, Map<String, List<OutboxMessage>> created) {
        Mono<Void> ledger = ledgerId.isEmpty() ? Mono.empty()
                : relay.relayLedger(RatedSubject.COLLECTION, ledgerId, written(created)).then().onErrorResume(e -> {
                    log.warn("publishing {} rating events left to the outbox sweep (ledger {}): {}", created.size(), ledgerId, e.toString());
                    return Mono.empty();
                });
        return Mono.when(publish(written(updated)), ledger);
    }

    /** Publishes what was written without reading it back; on failure the outbox sweep publishes it later. */
    private Mono<Void> publish(List<OutboxRelay.Written> written) {
        return written.isEmpty() ? Mono.empty() : relay.relayWritten(RatedSubject.COLLECTION, written).then()
                .onErrorResume(e -> {
                    log.warn("publishing {} rating events left to the outbox sweep: {}", written.size(), e.toString());
                    return Mono.empty();
                });
    }

    private void count(String consumerName, String topic, String outcome, int n) {
        if (n > 0) {
            registry.counter("opencredit.events.consumed", "consumer", consumerName, "topic", topic, "outcome", outcome).increment(n);
        }
    }
}
