package org.opencredit.blacklist.entry;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.opencredit.blacklist.catalogue.ListCatalogue;
import org.opencredit.blacklist.catalogue.ListType;
import org.opencredit.chassis.store.OptimisticLock;
import org.opencredit.chassis.outbox.OutboxEvents;
import org.opencredit.chassis.outbox.OutboxMessage;
import org.opencredit.chassis.outbox.OutboxRelay;
import org.opencredit.contracts.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Writes list entries: every step changes the subject's ledger and queues its event in the same
 * document update (optimistic lock on the ledger's {@code lock} field, see {@link OptimisticLock}; a
 * concurrent write is retried on the fresh state, so the domain rules always see the latest one).
 */
@Service
public class EntryService {

    /** Dates of due process (notice, windows, periods) are the province's calendar days. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** Legal representative (person pseudonym) → organisations whose entries name them; read by credit checks by id. */
    public static final String REPRESENTATIVES = "representatives";
    private static final Logger log = LoggerFactory.getLogger(EntryService.class);

    private final ReactiveMongoTemplate mongo;
    private final OutboxEvents events;
    private final OutboxRelay relay;
    private final ListCatalogue catalogue;
    private final Clock clock;
    private final MeterRegistry registry;
    private final ListedEntries listed;

    EntryService(ReactiveMongoTemplate mongo, OutboxEvents events, OutboxRelay relay, ListCatalogue catalogue, Clock clock,
                 MeterRegistry registry, ListedEntries listed) {
        this.listed = listed;
        this.mongo = mongo;
        this.events = events;
        this.relay = relay;
        this.catalogue = catalogue;
        this.clock = clock;
        this.registry = registry;
    }

    /** What a proposal says about its subject and its grounds. */
    public record Proposal(String subject, String subjectKind, String subjectName, String maskedIdentityNumber, ListType listType,
                           String facts, String legalBasis, String decisionNumber, String authority, String sourceRecordId,
                           LegalRepresentative legalRepresentative, String reason) {
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(ZONE));
    }

    /**
     * Proposes an entry. The same decision (list type and decision number) proposed twice yields the
     * existing entry and {@code created=false}, so automatic proposals are idempotent.
     */
    public Mono<Proposed> propose(Proposal p, Actor actor) {
        // the link from the representative to the organisation comes first: a link without an entry binds nothing
        Mono<Void> link = p.legalRepresentative() == null ? Mono.empty()
                : mongo.upsert(Query.query(where("_id").is(p.legalRepresentative().subject())),
                        new Update().addToSet("organisations", p.subject()), REPRESENTATIVES).then();
        return link.then(write(p.subject(), p.subjectKind(), ledger -> {
            Optional<ListEntry> same = ledger.entries().stream()
                    .filter(e -> e.listType().equals(p.listType().code()) && e.decisionNumber().equals(p.decisionNumber()))
                    .findFirst();
            if (same.isPresent()) {
                return null;
            }
            String id = p.subject() + "-" + ledger.nextSeq();
            return ListEntry.propose(id, p.subject(), p.subjectKind(), p.subjectName(), p.maskedIdentityNumber(), p.listType(),
                    p.facts(), p.legalBasis(), p.decisionNumber(), p.authority(), p.sourceRecordId(), p.legalRepresentative(), actor,
                    clock.instant(), today(), p.reason());
        })).map(e -> new Proposed(e, true))
                .switchIfEmpty(Mono.defer(() -> ledger(p.subject()).map(l -> l.entries().stream()
                        .filter(e -> e.listType().equals(p.listType().code()) && e.decisionNumber().equals(p.decisionNumber()))
                        .findFirst().map(e -> new Proposed(e, false)).orElseThrow())));
    }

    /** A proposal's outcome: the entry, and whether this call created it. */
    public record Proposed(ListEntry entry, boolean created) {
    }

    /** Applies one step to an existing entry; empty when no such entry exists or the step returns {@code null}. */
    public Mono<ListEntry> step(String entryId, Function<ListEntry, ListEntry> step) {
        String subject = Ledger.subjectOf(entryId);
        if (subject == null) {
            return Mono.empty();
        }
        return ledger(subject).flatMap(found -> found.entry(entryId).isEmpty() ? Mono.empty()
                : write(subject, found.subjectKind(), ledger -> step.apply(ledger.entry(entryId).orElseThrow())));
    }

    /**
     * The credit record behind automatic proposals was withdrawn or repaired: proposals from it are
     * withdrawn, and entries listed on it removed with {@code ground} (repair lifts the measures
     * attached to the record, DOMAIN §3). Emits the entries changed.
     */
    public Flux<ListEntry> endFromRecord(String subject, String recordId, String ground, String reason) {
        return ledger(subject).flatMapIterable(Ledger::entries)
                .filter(e -> recordId.equals(e.sourceRecordId()) && !e.state().terminal())
                .concatMap(found -> step(found.id(), e -> switch (e.state()) {
                    case PROPOSED, NOTIFIED, OBJECTED -> e.withdraw(Actor.SYSTEM_RULES, clock.instant(), reason);
                    case LISTED -> e.remove(ground, Actor.SYSTEM_RULES, clock.instant(), reason);
                    default -> throw new IllegalTransitionException("already-ended", e, "entry " + e.id() + " already ended");
                }).onErrorResume(IllegalTransitionException.class, x -> Mono.empty()));
    }

    public Mono<ListEntry> find(String entryId) {
        String subject = Ledger.subjectOf(entryId);
        return subject == null ? Mono.empty() : ledger(subject).flatMap(l -> Mono.justOrEmpty(l.entry(entryId)));
    }

    public Mono<Ledger> ledger(String subject) {
        return mongo.findById(subject, Ledger.class, Ledger.COLLECTION);
    }

    public ListType listType(ListEntry entry) {
        return catalogue.listType(entry.listType()).orElseThrow();
    }

    /**
     * Expires every listed entry whose period ended before or on {@code today}; emits how many. The
     * scan finds ledgers with a listed entry that is due (no index helps on the embedded store, which
     * is why this runs as a periodic sweep and the credit check never depends on it: it compares
     * dates itself). Only those ledgers are read and stepped: an entry still in force is neither read
     * nor written (rewriting it cost every listed ledger a write and a repeated event per sweep).
     */
    public Mono<Long> expireDue(LocalDate today) {
        Query due = Query.query(where("entries").elemMatch(where("state").is(EntryState.LISTED.name()).and("expiresOn").lte(today)))
                .with(Sort.by("_id"));
        due.fields().exclude(OutboxMessage.FIELD);
        return mongo.find(due, Ledger.class, Ledger.COLLECTION)
                .flatMapIterable(ledger -> ledger.entries().stream()
                        .filter(e -> e.state() == EntryState.LISTED && !e.inForce(today))
                        .map(ListEntry::id).toList())
                .concatMap(id -> step(id, e -> e.state() != EntryState.LISTED || e.inForce(today) ? null
                        : e.expire(Actor.SYSTEM_EXPIRY, clock.instant(), today))
                        .filter(e -> e.state() == EntryState.EXPIRED)
                        .onErrorResume(IllegalTransitionException.class, e -> Mono.empty()))
                .count();
    }

    /**
     * One page of published entries (listed, or once listed) for the public feed, in subject order. The
     * store selects the ledgers by their {@link Ledger#KEYS} (one equality: a multikey index on MongoDB),
     * unwinds their entries and skips and limits there: only the page travels, whatever the number of
     * ledgers. (The embedded MongoDB-wire server ignores the non-unique index and scans, in the store.)
     */
    public Flux<ListEntry> published(String listType, String subjectKind, EntryState state, long skip, int limit) {
        Criteria entry = where("entries.state").is(state.name());
        if (listType != null) {
            entry = entry.and("entries.listType").is(listType);
        }
        if (subjectKind != null) {
            entry = entry.and("entries.subjectKind").is(subjectKind);
        }
        Aggregation page = Aggregation.newAggregation(
                Aggregation.match(where(Ledger.KEYS).is(Ledger.key(state, listType, subjectKind))),
                Aggregation.sort(Sort.by("_id")),
                Aggregation.project("entries"),
                Aggregation.unwind("entries"),
                Aggregation.match(entry),
                Aggregation.skip(skip),
                Aggregation.limit(limit));
        return mongo.aggregate(page, Ledger.COLLECTION, Document.class)
                .map(d -> mongo.getConverter().read(ListEntry.class, d.get("entries", Document.class)));
    }

    /**
     * Entries with an objection not yet answered (state OBJECTED), of the given list types, in subject
     * order: the ledgers are selected by their {@link Ledger#KEYS}, so only ledgers with an open
     * objection are read.
     */
    public Flux<ListEntry> objected(java.util.Collection<String> listTypes) {
        List<String> keys = listTypes.stream().map(t -> Ledger.key(EntryState.OBJECTED, t, null)).toList();
        Query query = Query.query(where(Ledger.KEYS).in(keys)).with(Sort.by("_id"));
        query.fields().exclude(OutboxMessage.FIELD);
        return mongo.find(query, Ledger.class, Ledger.COLLECTION)
                .flatMapIterable(Ledger::entries)
                .filter(e -> e.state() == EntryState.OBJECTED && listTypes.contains(e.listType()));
    }

    /** How many entries there are per list type and state, and how many open objections are overdue on {@code today}. */
    public record Counts(java.util.Map<String, java.util.Map<EntryState, Long>> entries, long openObjections, long overdueObjections) {
    }

    /**
     * Counts entries by list type and state, and open (unanswered) objections and those past their
     * answer date: from {@link ListedEntries} once it holds every ledger (no store work), until then with
     * two aggregations in the store ({@code $unwind}, {@code $group}; one row per list type and state and
     * one per answer date, never the entries).
     */
    public Mono<Counts> counts(LocalDate today) {
        return listed.ready() ? Mono.just(listed.counts(today)) : storeCounts(today);
    }

    /** The counts by aggregation in the store. */
    Mono<Counts> storeCounts(LocalDate today) {
        List<Document> byTypeAndState = List.of(
                new Document("$unwind", "$entries"),
                new Document("$group", new Document("_id", new Document("t", "$entries.listType").append("s", "$entries.state"))
                        .append("n", new Document("$sum", 1))));
        // objections: only ledgers with an objected entry (their keys), grouped by answer date
        List<Document> objectedByDue = List.of(
                new Document("$match", new Document(Ledger.KEYS, Ledger.key(EntryState.OBJECTED, null, null))),
                new Document("$unwind", "$entries"),
                new Document("$match", new Document("entries.state", EntryState.OBJECTED.name())),
                new Document("$group", new Document("_id", "$entries.objection.answerDue").append("n", new Document("$sum", 1))));
        Mono<List<Document>> entryRows = mongo.getCollection(Ledger.COLLECTION)
                .flatMapMany(c -> c.aggregate(byTypeAndState, Document.class)).collectList();
        Mono<List<Document>> objectionRows = mongo.getCollection(Ledger.COLLECTION)
                .flatMapMany(c -> c.aggregate(objectedByDue, Document.class)).collectList();
        return entryRows.zipWith(objectionRows, (rows, objections) -> {
            java.util.Map<String, java.util.Map<EntryState, Long>> byType = new java.util.TreeMap<>();
            for (Document row : rows) {
                Document id = row.get("_id", Document.class);
                byType.computeIfAbsent(id.getString("t"), t -> new java.util.EnumMap<>(EntryState.class))
                        .merge(EntryState.valueOf(id.getString("s")), ((Number) row.get("n")).longValue(), Long::sum);
            }
            long open = 0;
            long overdue = 0;
            for (Document row : objections) {
                long n = ((Number) row.get("n")).longValue();
                open += n;
                LocalDate due = mongo.getConverter().getConversionService().convert(row.get("_id"), LocalDate.class);
                if (due != null && today.isAfter(due)) {
                    overdue += n;
                }
            }
            return new Counts(byType, open, overdue);
        });
    }

    /**
     * Reads the subject's ledger (or an empty one), lets {@code change} produce the changed or new entry
     * ({@code null}, or the entry unchanged: nothing to do), and writes entry and event in one update
     * conditional on the lock read. Retried on a concurrent write.
     */
    private Mono<ListEntry> write(String subject, String subjectKind, Function<Ledger, ListEntry> change) {
        return Mono.defer(() -> ledger(subject)
                        .map(l -> new Read(l, true))
                        .defaultIfEmpty(new Read(Ledger.empty(subject, subjectKind), false))
                        .flatMap(read -> {
                            ListEntry changed = change.apply(read.ledger());
                            if (changed == null) {
                                return Mono.<ListEntry>empty();
                            }
                            if (read.ledger().entry(changed.id()).filter(changed::equals).isPresent()) {
                                // nothing changed: no write, no event (a step that takes no step)
                                return Mono.just(changed);
                            }
                            return store(read, changed);
                        }))
                .retryWhen(Retry.backoff(10, Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(200))
                        .filter(ConcurrentWrite.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    private Mono<ListEntry> store(Read read, ListEntry changed) {
        Ledger ledger = read.ledger();
        List<ListEntry> entries = new ArrayList<>(ledger.entries());
        boolean isNew = ledger.entry(changed.id()).isEmpty();
        if (isNew) {
            entries.add(changed);
        } else {
            entries.replaceAll(e -> e.id().equals(changed.id()) ? changed : e);
        }
        int nextSeq = isNew ? ledger.nextSeq() + 1 : ledger.nextSeq();
        OutboxMessage event = events.create(Topics.LIST_ENTRY, EntryEvents.type(changed), changed.subject(),
                EntryEvents.payload(changed, catalogue));
        Mono<Void> written;
        if (!read.exists()) {
            written = mongo.insert(new Ledger(ledger.subject(), ledger.subjectKind(), nextSeq, entries, List.of(event), 1,
                                    OptimisticLock.of(ledger.subject(), 1)), Ledger.COLLECTION)
                    .onErrorMap(DuplicateKeyException.class, e -> new ConcurrentWrite())
                    .then();
        } else {
            // conditional on the lock read (a single unique field: no collection scan on the embedded store)
            Update update = OptimisticLock.advance(new Update().set("entries", entries).set("nextSeq", nextSeq)
                            .set(Ledger.KEYS, Ledger.keysOf(entries)).push("outbox", event),
                    ledger.subject(), ledger.version());
            written = mongo.updateFirst(OptimisticLock.expecting(ledger.subject(), ledger.version(), ledger.lock()), update,
                            Ledger.class, Ledger.COLLECTION)
                    .flatMap(r -> r.getMatchedCount() == 0 ? Mono.error(new ConcurrentWrite()) : Mono.empty());
        }
        return written.then(Mono.fromRunnable(() -> {
            // this instance's checks see its own write at once; other instances when its event arrives
            listed.hold(new Ledger(ledger.subject(), ledger.subjectKind(), nextSeq, entries, List.of(), ledger.version() + 1, null));
            relay.relaySoon(Ledger.COLLECTION, ledger.subject());
            Transition step = changed.lastStep();
            registry.counter("opencredit.list.entry.transitions", "listType", changed.listType(), "action", step.action().name())
                    .increment();
            log.info("list entry {} {} -> {} by {} ({})", changed.id(), step.action(), step.to(), step.actor(), step.actorKind());
        })).thenReturn(changed);
    }

    private record Read(Ledger ledger, boolean exists) {
    }

    /** The ledger changed between read and write. */
    static final class ConcurrentWrite extends RuntimeException {
        ConcurrentWrite() {
            super("the subject's ledger changed concurrently", null, false, false);
        }
    }

    /** Instant of the injected clock (for steps taken by controllers). */
    public Instant now() {
        return clock.instant();
    }
}
