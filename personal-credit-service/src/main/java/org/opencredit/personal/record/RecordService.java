package org.opencredit.personal.record;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.opencredit.chassis.outbox.OutboxMessage;
import org.opencredit.chassis.outbox.OutboxRelay;
import org.opencredit.chassis.problem.ProblemException;
import org.opencredit.chassis.security.Caller;
import org.opencredit.contracts.catalogue.Catalogue;
import org.opencredit.contracts.catalogue.Category;
import org.opencredit.contracts.catalogue.Severity;
import org.opencredit.contracts.catalogue.SubjectKind;
import org.opencredit.contracts.events.EventTypes;
import org.opencredit.contracts.identifier.ResidentIdentityNumber;
import org.opencredit.contracts.security.ClientKind;
import org.opencredit.personal.person.PersonDocument;
import org.opencredit.personal.person.PersonService;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Personal records: submission in catalogued natural-person categories by the entitled department,
 * revisions and withdrawals with history, objections, the person's statement. Every change and its
 * event are one document write.
 */
@Service
public class RecordService {

    private final ReactiveMongoTemplate mongo;
    private final PersonService persons;
    private final SubmissionReader reader;
    private final RecordEvents events;
    private final OutboxRelay relay;
    private final Catalogue catalogue;
    private final Clock clock;
    private final RecordBson bson;

    RecordService(ReactiveMongoTemplate mongo, PersonService persons, SubmissionReader reader, RecordEvents events, OutboxRelay relay,
                  Catalogue catalogue, Clock clock) {
        this.mongo = mongo;
        this.persons = persons;
        this.reader = reader;
        this.events = events;
        this.relay = relay;
        this.catalogue = catalogue;
        this.clock = clock;
        this.bson = new RecordBson(mongo.getConverter());
    }

    /** The stored record and whether this request created it (false: an identical resubmission). */
    record Submitted(RecordView record, boolean created) {
    }

    Mono<Submitted> submit(ObjectNode body, Caller caller) {
        return Mono.defer(() -> {
            Checked checked = check(body, requireDepartment(caller));
            Instant now = clock.instant();
            return persons.findOrRegister(checked.id(), checked.submission().name()).flatMap(person -> {
                PersonalRecordDocument doc = newDocument(checked, person, caller.clientId(), now);
                PersonalRecord record = doc.record;
                return mongo.insert(doc)
                        .doOnNext(saved -> relay.relaySoon(PersonalRecordDocument.COLLECTION, saved.id))
                        .map(saved -> new Submitted(RecordView.of(saved), true))
                        .onErrorResume(DuplicateKeyException.class, e -> load(record.recordId()).flatMap(existing -> {
                            if (existing.record.sameContent(record)) {
                                return Mono.just(new Submitted(RecordView.of(existing), false));
                            }
                            return Mono.error(conflict(record));
                        }));
            });
        });
    }

    /** A submission that passed every rule (fields, category, entitlement, severity, identity number), not yet stored. */
    record Checked(RecordSubmission submission, String department, Category category, String severity, ResidentIdentityNumber id) {
    }

    /** Checks a submission of {@code department} with every rule; a fault is a 400/403 problem naming the field, never a value. */
    Checked check(ObjectNode body, String department) {
        RecordSubmission s = reader.read(body, Set.of());
        Category category = category(s.category(), department);
        String severity = severity(category, s.severity());
        return new Checked(s, department, category, severity, persons.parse(s.identityNumber()));
    }

    /** The stored shape of a new record of {@code person}, with its history entry and its published event in the outbox. */
    PersonalRecordDocument newDocument(Checked c, PersonDocument person, String clientId, Instant now) {
        RecordSubmission s = c.submission();
        PersonalRecord record = new PersonalRecord(recordId(c.department(), s.departmentRecordId()), person.personRef(),
                c.category().code(), c.severity(), c.category().polarity().name(), c.department(), s.departmentRecordId().strip(),
                s.decisionDate(), s.conductEndDate(), s.title().strip(), s.content().strip(), s.authority(), s.documentNumber(),
                s.consentReference(), amounts(s), PersonalRecord.PUBLISHED, 1, now, now);
        PersonalRecordDocument doc = new PersonalRecordDocument();
        doc.id = record.recordId();
        doc.version = 0L;
        doc.lock = OptimisticLock.of(doc.id, 0);
        doc.personRef = person.personRef();
        doc.subjectPseudonym = person.subjectPseudonym();
        doc.deleteOn = record.deleteOn() == null ? null : record.deleteOn().toString();
        doc.record = record;
        doc.history.add(new RecordChange(1, RecordChange.SUBMITTED, now, clientId, null, record));
        doc.outbox.add(events.of(EventTypes.PERSON_RECORD_PUBLISHED_V1, doc, null, null, null, now));
        return doc;
    }

    static ProblemException conflict(PersonalRecord record) {
        return ProblemException.conflict("record-exists", "record " + record.departmentRecordId() + " of department "
                + record.department() + " exists with other content; change it with POST /api/v1/person-records/"
                + record.recordId() + "/revisions").with("recordId", record.recordId());
    }

    /** What became of each document of a bulk write, by position: stored, already there with the same content, or with other content. */
    record BatchOutcome(List<Integer> stored, List<Integer> duplicates, List<Integer> conflicts) {
    }

    /**
     * Stores new records in one unordered bulk insert (their published events in one chunk ledger written
     * just before, see {@code OutboxRelay.openLedger}), then publishes what was stored without reading it back. A record id already stored is a duplicate when
     * the content is the same, a conflict otherwise; neither stops the others.
     */
    Mono<BatchOutcome> storeBatch(List<PersonalRecordDocument> docs) {
        if (docs.isEmpty()) {
            return Mono.just(new BatchOutcome(List.of(), List.of(), List.of()));
        }
        // the chunk's events go to one ledger written first; the records carry its id instead of an outbox entry,
        // so after publishing one delete of the ledger replaces a "mark sent" update per record
        List<OutboxRelay.Written> planned = docs.stream().map(d -> new OutboxRelay.Written(d.id, d.outbox)).toList();
        return relay.openLedger(PersonalRecordDocument.COLLECTION, planned).flatMap(ledger -> {
            List<org.bson.Document> stored = docs.stream().map(d -> {
                d.outboxLedger = ledger;
                d.outbox = new java.util.ArrayList<>();
                return bson.of(d);
            }).toList();
            return mongo.bulkOps(org.springframework.data.mongodb.core.BulkOperations.BulkMode.UNORDERED, PersonalRecordDocument.COLLECTION)
                    .insert(stored)
                    .execute()
                    .map(result -> Set.<Integer>of())
                    .onErrorResume(e -> duplicateIndexes(e).map(Mono::just).orElseGet(() -> Mono.error(e)))
                    .flatMap(failed -> classify(docs, failed))
                    .flatMap(outcome -> relay.relayLedger(PersonalRecordDocument.COLLECTION, ledger,
                                    outcome.stored().stream().map(planned::get).toList())
                            .onErrorResume(e -> Mono.just(0)) // left in the ledger: the sweep publishes them
                            .thenReturn(outcome));
        });
    }

    private Mono<BatchOutcome> classify(List<PersonalRecordDocument> docs, Set<Integer> failed) {
        List<Integer> stored = new java.util.ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            if (!failed.contains(i)) {
                stored.add(i);
            }
        }
        if (failed.isEmpty()) {
            return Mono.just(new BatchOutcome(stored, List.of(), List.of()));
        }
        return existing(failed.stream().map(i -> docs.get(i).id).distinct().toList()).map(existing -> {
            List<Integer> duplicates = new java.util.ArrayList<>();
            List<Integer> conflicts = new java.util.ArrayList<>();
            failed.stream().sorted().forEach(i -> {
                PersonalRecord there = existing.get(docs.get(i).id);
                (there != null && there.sameContent(docs.get(i).record) ? duplicates : conflicts).add(i);
            });
            return new BatchOutcome(stored, duplicates, conflicts);
        });
    }

    /** The stored records with these ids, by id. */
    Mono<Map<String, PersonalRecord>> existing(List<String> ids) {
        return mongo.find(Query.query(where("_id").in(ids)), PersonalRecordDocument.class).collectMap(d -> d.id, d -> d.record);
    }

    /** Positions refused as duplicate keys by a bulk insert, if that is all that went wrong. */
    private static java.util.Optional<Set<Integer>> duplicateIndexes(Throwable e) {
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

    Mono<RecordView> revise(String recordId, ObjectNode body, Caller caller) {
        return Mono.defer(() -> {
            JsonNode reasonNode = body.get("reason");
            RecordSubmission s = reader.read(body, Set.of("reason"));
            String reason = reasonNode != null && reasonNode.isString() ? reasonNode.asString().strip() : "";
            if (reason.isEmpty() || reason.length() > 500) {
                throw ProblemException.badRequest("validation", "Invalid request", "fix these fields: reason is required (at most 500 "
                        + "characters): say why the record is revised").with("errors", List.of(Map.of("field", "reason", "message",
                        "is required, at most 500 characters")));
            }
            String department = requireDepartment(caller);
            String hash = persons.hashOf(persons.parse(s.identityNumber()));
            Instant now = clock.instant();
            return owned(recordId, department).zipWith(persons.byHash(hash).map(p -> p.personRef()).defaultIfEmpty(""))
                    .flatMap(t -> {
                        PersonalRecordDocument doc = t.getT1();
                        PersonalRecord r = doc.record;
                        if (!r.personRef().equals(t.getT2()) || !r.category().equals(s.category())
                                || !r.departmentRecordId().equals(s.departmentRecordId().strip())) {
                            return Mono.error(ProblemException.badRequest("revision-changes-identity", "Revision changes identity",
                                    "a revision may not change the person, the category or departmentRecordId; withdraw the record and "
                                            + "submit a new one instead"));
                        }
                        requirePublished(r);
                        Category category = category(s.category(), department);
                        PersonalRecord next = new PersonalRecord(r.recordId(), r.personRef(), r.category(), severity(category, s.severity()),
                                r.polarity(), department, r.departmentRecordId(), s.decisionDate(), s.conductEndDate(), s.title().strip(),
                                s.content().strip(), s.authority(), s.documentNumber(), s.consentReference(), amounts(s), r.status(),
                                r.revision(), r.submittedAt(), now);
                        PersonalRecord revised = r.revised(next, now);
                        return change(doc, revised, RecordChange.REVISED, caller, reason,
                                events.of(EventTypes.PERSON_RECORD_REVISED_V1, revised, doc.subjectPseudonym, revised.status(), revised.revision(), doc.disputed,
                                        null, null, reason, now), new Update());
                    });
        });
    }

    Mono<RecordView> withdraw(String recordId, String reason, Caller caller) {
        return Mono.defer(() -> {
            String department = requireDepartment(caller);
            Instant now = clock.instant();
            return owned(recordId, department).flatMap(doc -> {
                requirePublished(doc.record);
                PersonalRecord withdrawn = doc.record.withdrawn(now);
                return change(doc, withdrawn, RecordChange.WITHDRAWN, caller, reason,
                        events.of(EventTypes.PERSON_RECORD_WITHDRAWN_V1, withdrawn, doc.subjectPseudonym, withdrawn.status(), withdrawn.revision(), doc.disputed,
                                null, null, reason, now), new Update());
            });
        });
    }

    /** Applies a change with its event(s), refusing it if the document changed meanwhile. */
    private Mono<RecordView> change(PersonalRecordDocument doc, PersonalRecord next, String change, Caller caller, String reason,
                                    OutboxMessage event, Update update) {
        RecordChange entry = new RecordChange(next.revision(), change, next.updatedAt(), caller.clientId(), reason, next);
        update.set("record", next).set("deleteOn", next.deleteOn() == null ? null : next.deleteOn().toString())
                .push("history", entry).push("outbox", event);
        return conditional(doc, update);
    }

    private Mono<RecordView> conditional(PersonalRecordDocument doc, Update update) {
        // conditional on the lock read (a single unique field, no scan on the embedded store): a concurrent
        // change makes this update match nothing
        OptimisticLock.advance(update, doc.id, doc.version);
        return mongo.updateFirst(OptimisticLock.expecting(doc.id, doc.version, doc.lock), update, PersonalRecordDocument.class)
                .flatMap(r -> {
                    if (r.getMatchedCount() == 0) {
                        return Mono.error(ProblemException.conflict("concurrent-change",
                                "record " + doc.id + " changed while this request was handled; read it again and retry"));
                    }
                    relay.relaySoon(PersonalRecordDocument.COLLECTION, doc.id);
                    return load(doc.id).map(RecordView::of);
                });
    }

    /** The person's records as a third party sees them: published ones only. */
    public Mono<List<RecordView>> publishedFor(String personRef) {
        return mongo.find(Query.query(where("personRef").is(personRef)).with(Sort.by("_id")), PersonalRecordDocument.class)
                .filter(d -> PersonalRecord.PUBLISHED.equals(d.record.status()))
                .map(RecordView::of).collectList();
    }

    /** All the person's records, withdrawn ones too, with objections and statements (the person's own report). */
    public Mono<List<RecordView>> allFor(String personRef) {
        return mongo.find(Query.query(where("personRef").is(personRef)).with(Sort.by("_id")), PersonalRecordDocument.class)
                .map(RecordView::of).collectList();
    }

    // ---- objections and statements (the person, through the credit office's desk) ----

    Mono<RecordView> openObjection(String recordId, String grounds, Caller caller) {
        return Mono.defer(() -> {
            requireOffice(caller, "objections are opened by the credit office's desk for the person");
            Instant now = clock.instant();
            return load(recordId).flatMap(doc -> {
                if (doc.objections.stream().anyMatch(o -> Objection.OPEN.equals(o.status()))) {
                    return Mono.error(ProblemException.conflict("objection-open", "record " + recordId + " already has an open "
                            + "objection; it must be resolved first"));
                }
                Objection objection = new Objection(UUID.randomUUID().toString(), grounds, now,
                        LocalDate.ofInstant(now, clock.getZone()).plusDays(Objection.RESOLUTION_DAYS), caller.clientId(),
                        doc.record.revision(), Objection.OPEN, null, null, null);
                OutboxMessage event = events.of(EventTypes.PERSON_OBJECTION_OPENED_V1, doc.record, doc.subjectPseudonym, doc.record.status(),
                        doc.record.revision(), true, objection.objectionId(), null, null, now);
                return conditional(doc, new Update().push("objections", objection).set("disputed", true).push("outbox", event));
            });
        });
    }

    Mono<RecordView> resolveObjection(String recordId, String objectionId, String outcome, String answer, boolean withdraw,
                                      Caller caller) {
        return Mono.defer(() -> {
            Instant now = clock.instant();
            return load(recordId).flatMap(doc -> {
                if (caller.kind() != ClientKind.OFFICE && !doc.record.department().equals(caller.department())) {
                    return Mono.error(new ProblemException(HttpStatus.FORBIDDEN, "not-record-owner", "Forbidden",
                            "an objection is resolved by the department that submitted the record or by the credit office"));
                }
                int index = -1;
                for (int i = 0; i < doc.objections.size(); i++) {
                    if (doc.objections.get(i).objectionId().equals(objectionId)) {
                        index = i;
                    }
                }
                if (index < 0) {
                    return Mono.error(ProblemException.notFound("objection-not-found", "record " + recordId + " has no objection "
                            + objectionId));
                }
                Objection objection = doc.objections.get(index);
                if (!Objection.OPEN.equals(objection.status())) {
                    return Mono.error(ProblemException.conflict("objection-resolved", "objection " + objectionId + " is already "
                            + objection.status()));
                }
                boolean accepted = Objection.ACCEPTED.equals(outcome);
                if (accepted && !withdraw && doc.record.revision() <= objection.revisionAtOpening()) {
                    return Mono.error(ProblemException.conflict("objection-needs-change", "accepting an objection needs the record "
                            + "revised since the objection was opened, or withdraw=true to withdraw it"));
                }
                List<Objection> objections = new java.util.ArrayList<>(doc.objections);
                objections.set(index, objection.resolved(outcome, caller.clientId(), answer, now));
                Update update = new Update().set("objections", objections).set("disputed", false);
                PersonalRecord record = doc.record;
                if (accepted && withdraw && PersonalRecord.PUBLISHED.equals(record.status())) {
                    record = record.withdrawn(now);
                    update.set("record", record)
                            .push("history", new RecordChange(record.revision(), RecordChange.WITHDRAWN, now, caller.clientId(),
                                    "objection accepted: " + answer, record));
                }
                OutboxMessage resolved = events.of(EventTypes.PERSON_OBJECTION_RESOLVED_V1, record, doc.subjectPseudonym, record.status(), record.revision(),
                        false, objectionId, outcome, answer, now);
                if (record != doc.record) {
                    OutboxMessage withdrawn = events.of(EventTypes.PERSON_RECORD_WITHDRAWN_V1, record, doc.subjectPseudonym, record.status(),
                            record.revision(), false, null, null, "objection accepted: " + answer, now);
                    update.push("outbox").each(withdrawn, resolved);
                } else {
                    update.push("outbox", resolved);
                }
                return conditional(doc, update);
            });
        });
    }

    /** An objection with its record's keys, and whether its 20 days have run out. */
    public record ObjectionItem(String recordId, String personRef, String department, String category, Objection objection,
                                boolean overdue) {
    }

    /** Open objections (all, or the caller department's), oldest first, each marked overdue after its due date. */
    public Flux<ObjectionItem> openObjections(Caller caller) {
        LocalDate today = LocalDate.now(clock);
        Query query = Query.query(where("disputed").is(true));
        return mongo.find(query, PersonalRecordDocument.class)
                .filter(d -> caller.kind() == ClientKind.OFFICE || d.record.department().equals(caller.department()))
                .flatMapIterable(d -> d.objections.stream().filter(o -> Objection.OPEN.equals(o.status()))
                        .map(o -> new ObjectionItem(d.id, d.personRef, d.record.department(), d.record.category(), o,
                                today.isAfter(o.dueBy()))).toList())
                .sort(java.util.Comparator.comparing(i -> i.objection().openedAt()));
    }

    Mono<RecordView> attachStatement(String recordId, String statement, Caller caller) {
        return Mono.defer(() -> {
            requireOffice(caller, "a person's statement is attached by the credit office's desk for the person");
            return load(recordId).flatMap(doc -> conditional(doc, new Update().set("statement", statement)));
        });
    }

    // ---- rules ----

    private Mono<PersonalRecordDocument> load(String recordId) {
        return mongo.findById(recordId, PersonalRecordDocument.class)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("record-not-found", "no personal record " + recordId)));
    }

    private Mono<PersonalRecordDocument> owned(String recordId, String department) {
        return load(recordId).flatMap(doc -> doc.record.department().equals(department) ? Mono.just(doc)
                : Mono.error(new ProblemException(HttpStatus.FORBIDDEN, "not-record-owner", "Forbidden",
                "record " + recordId + " belongs to department " + doc.record.department() + "; only it may change the record")));
    }

    private static void requirePublished(PersonalRecord r) {
        if (!PersonalRecord.PUBLISHED.equals(r.status())) {
            throw ProblemException.conflict("record-withdrawn", "record " + r.recordId() + " is " + r.status() + " and cannot change");
        }
    }

    static String requireDepartment(Caller caller) {
        if (caller.kind() != ClientKind.DEPARTMENT || caller.department() == null) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "department-only", "Forbidden",
                    "personal records are submitted, revised and withdrawn by the department systems that own them");
        }
        return caller.department();
    }

    private static void requireOffice(Caller caller, String detail) {
        if (caller.kind() != ClientKind.OFFICE) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "office-only", "Forbidden", detail);
        }
    }

    private Category category(String code, String department) {
        Category category = catalogue.category(code).filter(c -> c.subjectKinds().contains(SubjectKind.NATURAL_PERSON))
                .orElseThrow(() -> ProblemException.badRequest("unknown-category", "Category not catalogued for persons",
                        "category '" + code + "' is not a catalogued category for natural persons; use one of "
                                + catalogue.categories().stream().filter(c -> c.subjectKinds().contains(SubjectKind.NATURAL_PERSON))
                                .map(Category::code).toList()).with("field", "category"));
        if (!category.entitles(department)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "category-not-entitled", "Forbidden", "department " + department
                    + " may not submit records of category " + category.code() + " (entitled: " + category.departments() + ")");
        }
        return category;
    }

    private static String severity(Category category, String raw) {
        if (raw == null || raw.isBlank()) {
            return category.defaultSeverity().name();
        }
        try {
            Severity s = Severity.valueOf(raw.strip());
            if (category.publicityFor(s).isPresent()) {
                return s.name();
            }
        } catch (IllegalArgumentException e) {
            // falls through to the problem below
        }
        throw ProblemException.badRequest("validation", "Invalid request", "severity '" + raw + "' does not exist for category "
                + category.code() + "; use one of " + category.publicity().keySet()).with("errors",
                List.of(Map.of("field", "severity", "message", "must be one of " + category.publicity().keySet())));
    }

    private static Map<String, BigDecimal> amounts(RecordSubmission s) {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        if (s.income() != null) m.put("income", s.income());
        if (s.deposits() != null) m.put("deposits", s.deposits());
        if (s.securities() != null) m.put("securities", s.securities());
        if (s.insurance() != null) m.put("insurance", s.insurance());
        if (s.realEstate() != null) m.put("realEstate", s.realEstate());
        if (s.taxAmount() != null) m.put("taxAmount", s.taxAmount());
        return m;
    }

    /** Deterministic per department and department record id, so a resubmission finds the same record. */
    static String recordId(String department, String departmentRecordId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((department + "\n" + departmentRecordId.strip()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
