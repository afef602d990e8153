package org.opencredit.enterprise.record;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.opencredit.chassis.outbox.OutboxMessage;
import org.opencredit.chassis.outbox.OutboxRelay;
import org.opencredit.chassis.problem.ProblemException;
import org.opencredit.contracts.events.EventTypes;
import org.opencredit.contracts.identifier.Uscc;
import org.opencredit.chassis.store.OptimisticLock;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Submits, revises and withdraws credit records. Every change is one document update carrying the
 * new state, a history entry and its event; concurrent changes are refused by the lock check
 * ({@link OptimisticLock}: a filter the embedded store answers from an index).
 */
@Service
public class RecordService {

    private final ReactiveMongoTemplate mongo;
    private final RecordRules rules;
    private final RecordEvents events;
    private final OutboxRelay relay;
    private final Clock clock;
    private final io.micrometer.core.instrument.MeterRegistry registry;
    private final org.opencredit.contracts.catalogue.Catalogue catalogue;
    private final RecordBson bson;

    RecordService(ReactiveMongoTemplate mongo, RecordRules rules, RecordEvents events, OutboxRelay relay, Clock clock,
                  io.micrometer.core.instrument.MeterRegistry registry, org.opencredit.contracts.catalogue.Catalogue catalogue) {
        this.registry = registry;
        this.catalogue = catalogue;
        this.bson = new RecordBson(mongo.getConverter());
        this.mongo = mongo;
        this.rules = rules;
        this.events = events;
        this.relay = relay;
        this.clock = clock;
    }

    /** What a submission led to: the record, and whether it was new or an identical resubmission. */
    public record Submitted(CreditRecord record, boolean created) {
    }

    public Mono<Submitted> submit(RecordSubmission submission, String department) {
        RecordRules.Outcome outcome = rules.check(submission, department);
        if (!outcome.valid()) {
            rejected(submission, department);
            return Mono.error(invalid(outcome.errors(), department));
        }
        CreditRecord record = outcome.record();
        return mongo.insert(document(record, department))
                .map(saved -> {
                    counted(saved.record, "stored");
                    relay.relaySoon(RecordDocument.COLLECTION, saved.id);
                    return new Submitted(saved.record, true);
                })
                .onErrorResume(DuplicateKeyException.class, e -> mongo.findById(record.recordId(), RecordDocument.class)
                        .doOnNext(existing -> counted(record, existing.record.sameContentAs(record) ? "duplicate" : "conflict"))
                        .flatMap(existing -> existing.record.sameContentAs(record)
                                ? Mono.just(new Submitted(existing.record, false))
                                : Mono.error(ProblemException.conflict("record-exists", "record " + record.departmentRecordId()
                                        + " of " + department + " already exists with other content; change it with POST /api/v1/records/"
                                        + record.recordId() + "/revisions").with("recordId", record.recordId()))));
    }

    /** Outcome of storing checked records in bulk, by position in the given list. */
    private static final org.slf4j.Logger timing = org.slf4j.LoggerFactory.getLogger("org.opencredit.enterprise.ingest.timing");

    public record BatchOutcome(List<Integer> stored, List<Integer> duplicates, List<Integer> conflicts) {
    }

    /**
     * Stores many checked records with one unordered bulk insert: records already stored with the
     * same content are duplicates (a resubmitted file), with other content conflicts; the rest are
     * stored and their events relayed in bulk, through one chunk ledger written just before the records
     * ({@code OutboxRelay.openLedger}): no per-record outbox entry to mark sent afterwards.
     */
    public Mono<BatchOutcome> storeBatch(List<CreditRecord> batch, String department) {
        if (batch.isEmpty()) {
            return Mono.just(new BatchOutcome(List.of(), List.of(), List.of()));
        }
        long t0 = System.nanoTime();
        List<RecordDocument> docs = batch.stream().map(r -> document(r, department)).toList();
        // the chunk's events go to one ledger written first; the records carry its id instead of an outbox entry,
        // so after publishing one delete of the ledger replaces a "mark sent" update per record
        List<OutboxRelay.Written> planned = new java.util.ArrayList<>();
        for (RecordDocument d : docs) {
            planned.add(new OutboxRelay.Written(d.id, d.outbox));
        }
        long[] at = new long[2];
        return relay.openLedger(RecordDocument.COLLECTION, planned).flatMap(ledger -> {
            at[0] = System.nanoTime();
            List<org.bson.Document> stored = docs.stream().map(d -> {
                d.outboxLedger = ledger;
                d.outbox = new java.util.ArrayList<>();
                return bson.of(d);
            }).toList();
            return mongo.bulkOps(org.springframework.data.mongodb.core.BulkOperations.BulkMode.UNORDERED, RecordDocument.COLLECTION)
                    .insert(stored)
                    .execute()
                    .map(result -> java.util.Set.<Integer>of())
                    .onErrorResume(e -> duplicateIndexes(e).map(Mono::just).orElseGet(() -> Mono.error(e)))
                    .doOnNext(x -> at[1] = System.nanoTime())
                    .flatMap(failed -> classify(batch, failed))
                    .doOnNext(outcome -> {
                        outcome.stored().forEach(i -> counted(batch.get(i), "stored"));
                        outcome.duplicates().forEach(i -> counted(batch.get(i), "duplicate"));
                        outcome.conflicts().forEach(i -> counted(batch.get(i), "conflict"));
                    })
                    .flatMap(outcome -> relay.relayLedger(RecordDocument.COLLECTION, ledger,
                                    outcome.stored().stream().map(planned::get).toList())
                            .onErrorResume(e -> Mono.just(0)) // left in the ledger: the sweep publishes them
                            .doOnNext(n -> timing.debug("ledger {} ms, bulk insert {} ms, publish {} ms", (at[0] - t0) / 1_000_000,
                                    (at[1] - at[0]) / 1_000_000, (System.nanoTime() - at[1]) / 1_000_000))
                            .thenReturn(outcome));
        });
    }

    private Mono<BatchOutcome> classify(List<CreditRecord> batch, java.util.Set<Integer> failed) {
        List<Integer> stored = new java.util.ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (!failed.contains(i)) {
                stored.add(i);
            }
        }
        if (failed.isEmpty()) {
            return Mono.just(new BatchOutcome(stored, List.of(), List.of()));
        }
        List<String> ids = failed.stream().map(i -> batch.get(i).recordId()).distinct().toList();
        return mongo.find(Query.query(where("_id").in(ids)), RecordDocument.class).collectMap(d -> d.id, d -> d.record)
                .map(existing -> {
                    List<Integer> duplicates = new java.util.ArrayList<>();
                    List<Integer> conflicts = new java.util.ArrayList<>();
                    failed.stream().sorted().forEach(i -> {
                        CreditRecord there = existing.get(batch.get(i).recordId());
                        (there != null && there.sameContentAs(batch.get(i)) ? duplicates : conflicts).add(i);
                    });
                    return new BatchOutcome(stored, duplicates, conflicts);
                });
    }

    /** Positions refused as duplicate keys by a bulk insert, if that is all that went wrong. */
    private static java.util.Optional<java.util.Set<Integer>> duplicateIndexes(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.mongodb.MongoBulkWriteException bulk) {
                if (bulk.getWriteErrors().stream().allMatch(w -> w.getCode() == 11000)) {
                    return java.util.Optional.of(bulk.getWriteErrors().stream().map(com.mongodb.bulk.BulkWriteError::getIndex)
                            .collect(java.util.stream.Collectors.toSet()));
                }
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Records submitted, by department, category, outcome (stored, duplicate: the same record again,
     * conflict: its id with other content) and whether they came within 7 working days of the decision.
     */
    private void counted(CreditRecord r, String outcome) {
        registry.counter("opencredit.records.ingested", "department", r.department(), "category", r.category(),
                "timeliness", r.late() ? "late" : "on_time", "outcome", outcome).increment();
    }

    /**
     * A submission refused by the rules (outcome rejected). Its category only if catalogued, so a
     * caller's typos cannot add series; timeliness is unknown without a valid decision date.
     */
    public void rejected(RecordSubmission submission, String department) {
        String category = submission == null || submission.category() == null ? null
                : catalogue.category(submission.category().trim()).map(c -> c.code()).orElse(null);
        registry.counter("opencredit.records.ingested", "department", department, "category", category == null ? "unknown" : category,
                "timeliness", "unknown", "outcome", "rejected").increment();
    }

    /** The new document of a checked record; its event only if the record is published. */
    RecordDocument document(CreditRecord record, String department) {
        OutboxMessage event = record.status() == RecordStatus.PUBLISHED
                ? events.of(EventTypes.RECORD_PUBLISHED_V1, record, null, record.submittedAt()) : null;
        return RecordDocument.submitted(record, department, event);
    }

    public Mono<CreditRecord> revise(String recordId, RecordSubmission submission, String reason, String department) {
        requireReason(reason);
        return load(recordId).flatMap(doc -> {
            requireOwner(doc, department);
            requireChangeable(doc);
            RecordRules.Outcome outcome = rules.check(submission, department);
            if (!outcome.valid()) {
                return Mono.error(invalid(outcome.errors(), department));
            }
            CreditRecord checked = outcome.record();
            if (!checked.recordId().equals(recordId)) {
                return Mono.error(ProblemException.badRequest("record-id-mismatch", "Invalid revision",
                        "a revision keeps the record's departmentRecordId '" + doc.record.departmentRecordId()
                                + "'; to record something else, submit a new record"));
            }
            if (!checked.uscc().equals(doc.record.uscc())) {
                return Mono.error(ProblemException.badRequest("subject-change", "Invalid revision",
                        "a revision cannot move a record to another subject; withdraw it and submit a new record"));
            }
            CreditRecord revised = checked.withStatus(checked.status(), doc.record.revision() + 1);
            return change(doc, revised, RecordChange.REVISED, EventTypes.RECORD_REVISED_V1, reason, department);
        });
    }

    public Mono<CreditRecord> withdraw(String recordId, String reason, String department) {
        requireReason(reason);
        return load(recordId).flatMap(doc -> {
            requireOwner(doc, department);
            requireChangeable(doc);
            CreditRecord withdrawn = doc.record.withStatus(RecordStatus.WITHDRAWN, doc.record.revision() + 1);
            return change(doc, withdrawn, RecordChange.WITHDRAWN, EventTypes.RECORD_WITHDRAWN_V1, reason, department);
        });
    }

    /** Applies one change if nobody changed the document since it was read. */
    Mono<CreditRecord> change(RecordDocument doc, CreditRecord next, String change, String eventType, String reason, String by) {
        return change(doc, next, change, eventType, reason, by, u -> { });
    }

    /** As above, with further changes to the same document in the same update. */
    Mono<CreditRecord> change(RecordDocument doc, CreditRecord next, String change, String eventType, String reason, String by,
                              java.util.function.Consumer<Update> also) {
        Instant now = clock.instant();
        // the entry that was newest keeps its snapshot now; the new newest one stands for the current record.
        // The whole array is written: safe under the lock check, and MongoDB refuses $set and $push on one array.
        List<RecordChange> history = new java.util.ArrayList<>(doc.fullHistory());
        history.add(new RecordChange(next.revision(), change, now, by, reason, null));
        Update update = new Update()
                .set("record", next)
                .set("status", next.status().name())
                .set("history", history)
                .push("outbox", events.of(eventType, next, reason, now));
        OptimisticLock.advance(update, doc.id, doc.version);
        also.accept(update);
        return mongo.updateFirst(OptimisticLock.expecting(doc.id, doc.version, doc.lock), update, RecordDocument.class)
                .flatMap(result -> {
                    if (result.getMatchedCount() == 0) {
                        return Mono.error(ProblemException.conflict("concurrent-change",
                                "record " + doc.id + " changed while this request was handled; read it again and retry"));
                    }
                    relay.relaySoon(RecordDocument.COLLECTION, doc.id);
                    return Mono.just(next);
                });
    }

    public Mono<CreditRecord> find(String recordId) {
        return load(recordId).map(d -> d.record);
    }

    public Mono<List<RecordChange>> history(String recordId) {
        return load(recordId).map(RecordDocument::fullHistory);
    }

    /** Records of a subject; only those in publicity unless {@code all}. */
    public Flux<CreditRecord> ofSubject(String rawUscc, boolean all) {
        Uscc code = Uscc.parse(rawUscc);
        Query query = Query.query(where("uscc").is(code.value()));
        if (!all) {
            query.addCriteria(where("status").is(RecordStatus.PUBLISHED.name()));
        }
        return mongo.find(query.with(Sort.by(Sort.Direction.DESC, "record.decisionDate")), RecordDocument.class).map(d -> d.record);
    }

    /** The given records that are in publicity, by id (indexed lookups only). */
    public Flux<CreditRecord> publishedByIds(java.util.Collection<String> recordIds) {
        if (recordIds.isEmpty()) {
            return Flux.empty();
        }
        Query query = Query.query(where("_id").in(recordIds));
        query.fields().include("record"); // not the history: a report needs the current state only
        return mongo.find(query, RecordDocument.class)
                .map(d -> d.record)
                .filter(r -> r.status() == RecordStatus.PUBLISHED);
    }

    Mono<RecordDocument> load(String recordId) {
        return mongo.findById(recordId, RecordDocument.class)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("record-not-found", "no record with id " + recordId)
                        .with("recordId", recordId)));
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.badRequest("reason-required", "Reason required",
                    "say why the record changes (reason): records are never changed silently");
        }
    }

    private static void requireOwner(RecordDocument doc, String department) {
        if (department == null || !department.equals(doc.record.department())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "not-record-owner", "Forbidden",
                    "only " + doc.record.department() + ", which submitted record " + doc.id + ", may change it");
        }
    }

    private static void requireChangeable(RecordDocument doc) {
        if (doc.record.status() == RecordStatus.WITHDRAWN || doc.record.status() == RecordStatus.REPAIRED) {
            throw ProblemException.conflict("record-closed", "record " + doc.id + " is " + doc.record.status()
                    + " and can no longer change; submit a new record if needed");
        }
    }

    static ProblemException invalid(List<FieldError> errors, String department) {
        boolean entitlement = errors.stream().anyMatch(e -> e.field().equals("category") && e.message().startsWith("department "));
        String summary = errors.stream().map(e -> e.field() + " " + e.message()).reduce((a, b) -> a + "; " + b).orElse("");
        ProblemException p = entitlement && errors.size() == 1
                ? new ProblemException(HttpStatus.FORBIDDEN, "category-not-entitled", "Forbidden", summary)
                : ProblemException.badRequest("invalid-record", "Invalid record", "fix these fields: " + summary);
        return p.with("errors", errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
    }
}
