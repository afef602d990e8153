package org.opencredit.rating.events;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.opencredit.chassis.consumer.EventConsumer;
import org.opencredit.chassis.consumer.EventConsumer.PoisonEventException;
import org.opencredit.contracts.events.EventEnvelope;
import org.opencredit.contracts.events.EventTypes;
import org.opencredit.contracts.events.ListEntryChanged;
import org.opencredit.contracts.events.PersonRecordChanged;
import org.opencredit.contracts.events.RecordChanged;
import org.opencredit.contracts.events.SubjectRegistered;
import org.opencredit.contracts.events.SubjectUpdated;
import org.opencredit.contracts.events.Topics;
import org.opencredit.contracts.identifier.InvalidIdentifierException;
import org.opencredit.contracts.identifier.Uscc;
import org.opencredit.rating.facts.Facts;
import org.opencredit.rating.facts.ListFact;
import org.opencredit.rating.facts.RecordFact;
import org.opencredit.rating.rating.RatedSubject;
import org.opencredit.rating.rating.RatingService;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Keeps each subject's fact summary from the producers' events and re-rates the subject on every
 * change: subjects (enterprise-credit-service), enterprise records, personal records
 * (personal-credit-service) and list entries (blacklist-service). Duplicates are skipped by event
 * id (the chassis consumer) and by revision (a fact never goes back to an older revision).
 */
@Component
public class FactConsumers {

    // Consumer groups of their own (not the earlier subject read model's "rating-service.subjects"): on an
    // upgrade they start from the beginning of each topic, so subjects registered before ratings existed
    // are rated too; replay is harmless (event ids and revisions make it idempotent).
    static final String SUBJECTS = "rating-service.ratings.subjects";
    static final String RECORDS = "rating-service.ratings.records";
    static final String PERSON_RECORDS = "rating-service.ratings.person-records";
    static final String LISTS = "rating-service.ratings.lists";

    private final EventConsumer consumer;
    private final RatingService ratings;
    private final MeterRegistry registry;
    private final BatchFacts batches;
    private final PersonLinks links;

    FactConsumers(EventConsumer consumer, RatingService ratings, MeterRegistry registry, BatchFacts batches, PersonLinks links) {
        this.consumer = consumer;
        this.ratings = ratings;
        this.registry = registry;
        this.batches = batches;
        this.links = links;
    }

    @KafkaListener(topics = Topics.SUBJECT, groupId = SUBJECTS)
    void onSubject(ConsumerRecord<String, String> record) {
        consumer.handle(SUBJECTS, record, Set.of(SubjectRegistered.TYPE, SubjectUpdated.TYPE), this::subject);
    }

    // One consumer per partition (3 by default): the path is latency-bound (a few store round trips and an
    // offset commit per event), a subject's events stay in order (one key, one partition), and events of
    // different kinds for one subject meet at the optimistic lock.
    @KafkaListener(topics = Topics.RECORD, groupId = RECORDS, concurrency = "${opencredit.rating.record-consumers:3}", containerFactory = "batchFactory",
            properties = "max.poll.records=${opencredit.rating.record-batch:2000}")
    void onRecords(List<ConsumerRecord<String, String>> records) {
        batches.handle(RECORDS, records, EventTypes.RECORD_TYPES, this::recordChange);
    }

    @KafkaListener(topics = Topics.PERSON_RECORD, groupId = PERSON_RECORDS, concurrency = "${opencredit.rating.record-consumers:3}",
            containerFactory = "batchFactory", properties = "max.poll.records=${opencredit.rating.record-batch:2000}")
    void onPersonRecords(List<ConsumerRecord<String, String>> records) {
        // link the batch's pseudonyms to their personRefs first, so list entries kept for them join the records
        Map<String, String> refs = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            try {
                EventEnvelope event = BatchFacts.envelope(r);
                if (EventTypes.PERSON_RECORD_TYPES.contains(event.type())) {
                    PersonRecordChanged e = consumer.payload(event, PersonRecordChanged.class);
                    if (e.subjectPseudonym() != null && e.personRef() != null) {
                        refs.put(e.subjectPseudonym(), e.personRef());
                    }
                }
            } catch (RuntimeException malformed) {
                // left to the batch, which dead-letters it in order
            }
        }
        Map<String, List<ListFact>> linked = links.link(refs, ratings.now()).block(Duration.ofSeconds(60));
        batches.handle(PERSON_RECORDS, records, EventTypes.PERSON_RECORD_TYPES, event -> personRecordChange(event, linked));
    }

    @KafkaListener(topics = Topics.LIST_ENTRY, groupId = LISTS)
    void onListEntry(ConsumerRecord<String, String> record) {
        consumer.handle(LISTS, record, EventTypes.LIST_ENTRY_TYPES, this::listEntry);
    }

    /**
     * What one event changes: the subject, how its stored state changes ({@code null}: nothing), and why.
     *
     * @param needsHistory the change rewrites the subject's history (a deleted record's traces are removed), so it
     *                     must see the whole document; other changes only append to the history
     */
    public record Change(String subject, String subjectKind, java.util.function.UnaryOperator<RatedSubject> apply, String reason,
                         boolean needsHistory) {
        public Change(String subject, String subjectKind, java.util.function.UnaryOperator<RatedSubject> apply, String reason) {
            this(subject, subjectKind, apply, reason, false);
        }
    }

    private Mono<RatedSubject> apply(Change c) {
        return c == null ? Mono.empty() : ratings.update(c.subject(), c.subjectKind(), c.apply(), c.reason());
    }

    public Mono<RatedSubject> subject(EventEnvelope event) {
        return apply(subjectChange(event));
    }

    public Mono<RatedSubject> record(EventEnvelope event) {
        return apply(recordChange(event));
    }

    public Mono<RatedSubject> personRecord(EventEnvelope event) {
        PersonRecordChanged e = consumer.payload(event, PersonRecordChanged.class);
        Map<String, String> refs = e.subjectPseudonym() != null && e.personRef() != null ? Map.of(e.subjectPseudonym(), e.personRef()) : Map.of();
        return links.link(refs, ratings.now()).flatMap(linked -> apply(personRecordChange(event, linked)));
    }

    public Mono<RatedSubject> listEntry(EventEnvelope event) {
        ListEntryChanged e = listEntryEvent(event);
        if (RatedSubject.NATURAL_PERSON.equals(e.subjectKind())) {
            return personListEntry(e);
        }
        return apply(listEntryChange(event));
    }

    /**
     * A person's list entry is kept under the pseudonym; once a record event has linked the pseudonym to a
     * personRef the person is re-rated with it (until then there is no rating it could belong to).
     */
    private Mono<RatedSubject> personListEntry(ListEntryChanged e) {
        ListFact fact = new ListFact(e.entryId(), e.listType(), e.status(), e.listedOn(), e.expiresOn(), e.revision());
        String reason = "list entry " + e.entryId() + " (" + e.listType() + ") " + e.status().toLowerCase();
        return links.keep(e.subject(), fact, ratings.now()).flatMap(link -> {
            if (link.personRef() == null) {
                registry.counter("opencredit.rating.facts.pending", "reason", "person-not-linked").increment();
                return Mono.empty();
            }
            return apply(new Change(link.personRef(), RatedSubject.NATURAL_PERSON, s -> {
                List<ListFact> lists = PersonLinks.union(s.lists(), link.lists());
                return lists.equals(s.lists()) ? null : withFacts(s, s.records(), lists);
            }, reason));
        });
    }

    Change subjectChange(EventEnvelope event) {
        SubjectRegistered e = consumer.payload(event, SubjectRegistered.class);
        if (e.uscc() == null || !e.uscc().equals(event.subject())) {
            throw new PoisonEventException("subject event " + event.id() + " has a payload USCC that differs from its ce_subject");
        }
        String reason = (SubjectRegistered.TYPE.equals(event.type()) ? "subject registered" : "subject updated") + " (event " + event.id() + ")";
        return new Change(e.uscc(), RatedSubject.LEGAL_PERSON, s -> {
            if (s.stored() && eq(s.name(), e.name()) && eq(s.regionCode(), e.regionCode()) && eq(s.industryCode(), e.industryCode())
                    && eq(s.entityKind(), e.entityKind()) && s.current() != null) {
                return null;
            }
            return withRegistry(s, e.name(), e.regionCode(), e.industryCode() != null ? e.industryCode() : s.industryCode(),
                    e.entityKind());
        }, reason);
    }

    Change recordChange(EventEnvelope event) {
        RecordChanged e = consumer.payload(event, RecordChanged.class);
        if (e.recordId() == null || e.uscc() == null || !e.uscc().equals(event.subject()) || e.status() == null || e.category() == null) {
            throw new PoisonEventException("record event " + event.id() + " lacks recordId, uscc, category or status, "
                    + "or its uscc differs from ce_subject");
        }
        RecordFact fact = new RecordFact(e.recordId(), e.category(), e.severity(), e.polarity(), e.department(), e.decisionDate(),
                e.publicityEnds(), e.status(), e.revision(), false);
        return new Change(e.uscc(), RatedSubject.LEGAL_PERSON, s -> {
            List<RecordFact> merged = Facts.merge(s.records(), fact);
            if (merged == null) {
                return null;
            }
            RatedSubject base = s.stored() ? s : withRegistry(s, null, regionOf(e.uscc()), null, null);
            return withFacts(base, merged, base.lists());
        }, "record " + e.recordId() + " " + e.status().toLowerCase() + " (revision " + e.revision() + ")");
    }

    Change personRecordChange(EventEnvelope event, Map<String, List<ListFact>> linkedLists) {
        PersonRecordChanged e = consumer.payload(event, PersonRecordChanged.class);
        if (e.recordId() == null || e.personRef() == null || !e.personRef().equals(event.subject()) || e.status() == null) {
            throw new PoisonEventException("person record event " + event.id() + " lacks recordId, personRef or status, "
                    + "or its personRef differs from ce_subject");
        }
        boolean deleted = EventTypes.PERSON_RECORD_DELETED_V1.equals(event.type()) || "DELETED".equals(e.status());
        // a deleted record leaves only its id, revision and status behind (so an older event cannot bring it back)
        RecordFact fact = deleted
                ? new RecordFact(e.recordId(), null, null, null, null, null, null, "DELETED", e.revision(), false)
                : new RecordFact(e.recordId(), e.category(), e.severity(), e.polarity(), e.department(), e.decisionDate(),
                        null, e.status(), e.revision(), e.disputed());
        String reason = deleted ? "a record was deleted under the five-year retention rule"
                : "record " + e.recordId() + " " + e.status().toLowerCase() + (e.disputed() ? " (disputed)" : "") + " (revision " + e.revision() + ")";
        List<ListFact> linked = linkedLists.getOrDefault(e.personRef(), List.of());
        return new Change(e.personRef(), RatedSubject.NATURAL_PERSON, s -> {
            RatedSubject changed = deleted ? deleteRecord(s, e.recordId(), fact) : recordMerged(s, fact);
            RatedSubject base = changed != null ? changed : s;
            // list entries blacklist-service keeps under the person's pseudonym join the records here
            List<ListFact> lists = PersonLinks.union(base.lists(), linked);
            String pseudonym = e.subjectPseudonym() != null ? e.subjectPseudonym() : s.pseudonym();
            if (changed == null && lists.equals(s.lists()) && java.util.Objects.equals(pseudonym, s.pseudonym())) {
                return null;
            }
            return withPseudonym(withFacts(base, base.records(), lists), pseudonym);
        }, reason, deleted);
    }

    private static RatedSubject recordMerged(RatedSubject s, RecordFact fact) {
        List<RecordFact> merged = Facts.merge(s.records(), fact);
        return merged == null ? null : withFacts(s, merged, s.lists());
    }

    private static RatedSubject deleteRecord(RatedSubject s, String recordId, RecordFact tombstone) {
        // deletion is final whatever the revision: replace whatever is kept by the tombstone
        boolean tombstoned = s.records().stream().anyMatch(r -> r.recordId().equals(recordId) && "DELETED".equals(r.status()));
        if (tombstoned && !mentions(s, recordId)) {
            return null;
        }
        List<RecordFact> kept = new java.util.ArrayList<>(s.records().stream().filter(r -> !r.recordId().equals(recordId)).toList());
        kept.add(tombstone);
        return RatingService.forget(withFacts(s, kept, s.lists()), recordId);
    }

    private ListEntryChanged listEntryEvent(EventEnvelope event) {
        ListEntryChanged e = consumer.payload(event, ListEntryChanged.class);
        if (e.entryId() == null || e.subject() == null || !e.subject().equals(event.subject()) || e.status() == null || e.listType() == null) {
            throw new PoisonEventException("list entry event " + event.id() + " lacks entryId, subject, listType or status, "
                    + "or its subject differs from ce_subject");
        }
        return e;
    }

    Change listEntryChange(EventEnvelope event) {
        ListEntryChanged e = listEntryEvent(event);
        ListFact fact = new ListFact(e.entryId(), e.listType(), e.status(), e.listedOn(), e.expiresOn(), e.revision());
        return new Change(e.subject(), RatedSubject.LEGAL_PERSON, s -> {
            List<ListFact> merged = Facts.merge(s.lists(), fact);
            if (merged == null) {
                return null;
            }
            RatedSubject base = s.stored() ? s : withRegistry(s, null, regionOf(e.subject()), null, null);
            return withFacts(base, base.records(), merged);
        }, "list entry " + e.entryId() + " (" + e.listType() + ") " + e.status().toLowerCase());
    }

    private static boolean mentions(RatedSubject s, String recordId) {
        return s.history().stream().anyMatch(h -> h.factors() != null && h.factors().stream().anyMatch(f -> recordId.equals(f.sourceId())))
                || (s.current() != null && s.current().factors().stream().anyMatch(f -> recordId.equals(f.sourceId())));
    }

    static RatedSubject withFacts(RatedSubject s, List<RecordFact> records, List<ListFact> lists) {
        return new RatedSubject(s.subject(), s.subjectKind(), s.name(), s.regionCode(), s.industryCode(), s.entityKind(), records, lists,
                s.current(), s.candidate(), s.review(), s.nextReviewOn(), s.history(), s.outbox(), s.version(), s.lock(), s.updatedAt(),
                s.pseudonym());
    }

    static RatedSubject withPseudonym(RatedSubject s, String pseudonym) {
        return new RatedSubject(s.subject(), s.subjectKind(), s.name(), s.regionCode(), s.industryCode(), s.entityKind(), s.records(),
                s.lists(), s.current(), s.candidate(), s.review(), s.nextReviewOn(), s.history(), s.outbox(), s.version(), s.lock(),
                s.updatedAt(), pseudonym);
    }

    static RatedSubject withRegistry(RatedSubject s, String name, String region, String industry, String entityKind) {
        return new RatedSubject(s.subject(), s.subjectKind(), name != null ? name : s.name(), region != null ? region : s.regionCode(),
                industry, entityKind != null ? entityKind : s.entityKind(), s.records(), s.lists(), s.current(), s.candidate(),
                s.review(), s.nextReviewOn(), s.history(), s.outbox(), s.version(), s.lock(), s.updatedAt(), s.pseudonym());
    }

    private static String regionOf(String uscc) {
        try {
            return Uscc.parse(uscc).regionCode();
        } catch (InvalidIdentifierException e) {
            return null;
        }
    }

    private static boolean eq(Object a, Object b) {
        return a == null ? b == null : a.equals(b);
    }
}
