package org.opencredit.blacklist.entry;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.opencredit.chassis.outbox.OutboxMessage;
import org.opencredit.contracts.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The listed entries of every subject, in memory, so a credit check reads no ledger: this instance's
 * copy of the ledgers' LISTED entries (without their history), and which organisations' entries name
 * each person legal representative. It also counts every entry by list type and state, and open
 * objections by answer date, so the operations gauges need no aggregation over the ledgers (a scan of
 * every ledger on the embedded store, which stalled credit checks for the time it took).
 * <p>
 * Coherent across instances: every instance consumes the list-entry topic in a consumer group of its
 * own (from the end of the topic when it starts) and, for every event, re-reads that subject's ledger
 * from the store, so a removal made by any instance is seen here as soon as its event is (within
 * seconds: the outbox publishes right after the write). This instance's own writes are held at once.
 * A ledger is held only if its version is newer than the one held, so the start's bulk read cannot
 * overwrite a fresher re-read. The bulk read (every ledger, without histories) starts once the consumer's positions are fixed
 * (partitions assigned), so no event between the read and the subscription is missed. Until it has
 * finished (or while Kafka was never reachable since the start), {@link #ready()} is false and credit
 * checks read the ledgers from the store instead.
 */
@Component
public class ListedEntries implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(ListedEntries.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final ReactiveMongoTemplate mongo;
    private final Map<String, Held> bySubject = new ConcurrentHashMap<>();
    /** Person (pseudonym) → organisations with a held entry naming them legal representative. */
    private final Map<String, Set<String>> representedBy = new ConcurrentHashMap<>();
    /** Entries per list type and state (kept with every hold, for the gauges). */
    private final Map<String, Map<EntryState, java.util.concurrent.atomic.AtomicLong>> perTypeAndState = new ConcurrentHashMap<>();
    /** Unanswered objections per answer date (kept with every hold, for the gauges). */
    private final Map<java.time.LocalDate, java.util.concurrent.atomic.AtomicLong> objectionsByDue = new ConcurrentHashMap<>();
    private final AtomicBoolean loading = new AtomicBoolean();
    private volatile boolean ready;

    ListedEntries(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * A subject's listed entries at a ledger version (an empty list is kept too: it remembers the version),
     * and every entry's list type, state and (objected) answer date, as counted.
     */
    private record Held(long version, List<ListEntry> listed, List<Counted> counted) {
    }

    /** What the gauges count of one entry. */
    private record Counted(String listType, EntryState state, java.time.LocalDate answerDue) {
        static Counted of(ListEntry e) {
            return new Counted(e.listType(), e.state(), e.state() == EntryState.OBJECTED && e.objection() != null
                    ? e.objection().answerDue() : null);
        }
    }

    /** Whether every ledger has been read since the start: until then, read the store. */
    public boolean ready() {
        return ready;
    }

    /** The subject's entries in state LISTED (in force or not: the caller compares the dates). */
    public List<ListEntry> listed(String subject) {
        Held held = bySubject.get(subject);
        return held == null ? List.of() : held.listed();
    }

    /** Listed entries of organisations that name {@code person} legal representative. */
    public List<ListEntry> representing(String person) {
        Set<String> organisations = representedBy.get(person);
        if (organisations == null) {
            return List.of();
        }
        List<ListEntry> found = new ArrayList<>();
        for (String organisation : organisations) {
            for (ListEntry e : listed(organisation)) {
                if (e.legalRepresentative() != null && person.equals(e.legalRepresentative().subject())) {
                    found.add(e);
                }
            }
        }
        return found;
    }

    /** A consumer group per instance (a random suffix): every instance must see every event. */
    @KafkaListener(topics = Topics.LIST_ENTRY, groupId = "blacklist-service.listed-entries.#{T(java.util.UUID).randomUUID()}",
            properties = "auto.offset.reset=latest")
    void on(ConsumerRecord<String, String> record) {
        if (record.key() == null) {
            return;
        }
        // a listener thread, not an event loop: waiting for the read keeps this subject's events in order
        mongo.findById(record.key(), Ledger.class, Ledger.COLLECTION).doOnNext(this::hold).block(READ_TIMEOUT);
    }

    /** Positions fixed (the container asked the consumer for them): a write from now on reaches {@link #on}. */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        if (!loading.compareAndSet(false, true)) {
            return;
        }
        long start = System.nanoTime();
        load().subscribe(n -> {
            ready = true;
            log.info("{} ledgers with listed entries held in memory in {} ms; credit checks read no ledger now", n,
                    (System.nanoTime() - start) / 1_000_000);
        }, e -> {
            loading.set(false);
            log.warn("reading the listed entries failed (credit checks read the store; retried on the next assignment): {}",
                    e.toString());
        });
    }

    /** Reads every ledger (without outbox and histories) and holds it; emits how many. */
    Mono<Long> load() {
        Query all = new Query();
        all.fields().exclude(OutboxMessage.FIELD).exclude("entries.history");
        return mongo.find(all, Ledger.class, Ledger.COLLECTION).doOnNext(this::hold).count();
    }

    /** Holds the ledger's listed entries, and counts its entries, unless a newer version is held. */
    void hold(Ledger ledger) {
        bySubject.compute(ledger.subject(), (subject, old) -> {
            if (old != null && old.version() >= ledger.version()) {
                return old;
            }
            List<ListEntry> listed = ledger.entries().stream().filter(e -> e.state() == EntryState.LISTED)
                    .map(ListEntry::withoutHistory).toList();
            List<Counted> counted = ledger.entries().stream().map(Counted::of).toList();
            relink(subject, old == null ? List.of() : old.listed(), listed);
            if (old != null) {
                old.counted().forEach(c -> count(c, -1));
            }
            counted.forEach(c -> count(c, 1));
            return new Held(ledger.version(), listed, counted);
        });
    }

    private void count(Counted c, long delta) {
        perTypeAndState.computeIfAbsent(c.listType(), t -> new java.util.concurrent.ConcurrentHashMap<>())
                .computeIfAbsent(c.state(), s -> new java.util.concurrent.atomic.AtomicLong()).addAndGet(delta);
        if (c.answerDue() != null) {
            objectionsByDue.computeIfAbsent(c.answerDue(), d -> new java.util.concurrent.atomic.AtomicLong()).addAndGet(delta);
        }
    }

    /**
     * The gauges' counts from memory (only meaningful once {@link #ready()}): entries per list type and
     * state, unanswered objections, and those past their answer date on {@code today}.
     */
    public EntryService.Counts counts(java.time.LocalDate today) {
        Map<String, Map<EntryState, Long>> entries = new java.util.TreeMap<>();
        perTypeAndState.forEach((type, byState) -> byState.forEach((state, n) -> {
            if (n.get() != 0) {
                entries.computeIfAbsent(type, t -> new java.util.EnumMap<>(EntryState.class)).put(state, n.get());
            }
        }));
        long open = entries.values().stream().mapToLong(byState -> byState.getOrDefault(EntryState.OBJECTED, 0L)).sum();
        long overdue = 0;
        for (Map.Entry<java.time.LocalDate, java.util.concurrent.atomic.AtomicLong> due : objectionsByDue.entrySet()) {
            if (today.isAfter(due.getKey())) {
                overdue += due.getValue().get();
            }
        }
        return new EntryService.Counts(entries, open, overdue);
    }

    private void relink(String organisation, List<ListEntry> before, List<ListEntry> after) {
        Set<String> named = representatives(after);
        for (String person : representatives(before)) {
            if (!named.contains(person)) {
                representedBy.computeIfPresent(person, (p, organisations) -> {
                    organisations.remove(organisation);
                    return organisations.isEmpty() ? null : organisations;
                });
            }
        }
        for (String person : named) {
            representedBy.computeIfAbsent(person, p -> ConcurrentHashMap.newKeySet()).add(organisation);
        }
    }

    private static Set<String> representatives(List<ListEntry> entries) {
        Set<String> persons = new java.util.HashSet<>();
        for (ListEntry e : entries) {
            if (e.legalRepresentative() != null) {
                persons.add(e.legalRepresentative().subject());
            }
        }
        return persons;
    }
}
