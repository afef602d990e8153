package org.opencredit.rating.events;

import java.util.List;
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

    FactConsumers(EventConsumer consumer, RatingService ratings, MeterRegistry registry, BatchFacts batches) {
        this.consumer = consumer;
        this.ratings = ratings;
        this.registry = registry;
        this.batches = batches;
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
        batches.handle(PERSON_RECORDS, records, EventTypes.PERSON_RECORD_TYPES, this::personRecordChange);
    }

    @KafkaListener(topics = Topics.LIST_ENTRY, groupId = LISTS)
    void onListEntry(ConsumerRecord<String, String> record) {
        consumer.handle(LISTS, record, EventTypes.LIST_ENTRY_TYPES, this::listEntry);
    }

    /** What one event changes: the subject, how its stored state changes ({@code null}: nothing), and why. */
    public record Change(String subject, String subjectKind, java.util.function.UnaryOperator<RatedSubject> apply, String reason) {
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
        return apply(personRecordChange(event));
    }

    public Mono<RatedSubject> listEntry(EventEnvelope event) {
        return apply(listEntryChange(event));
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

    Change personRecordChange(EventEnvelope event) {
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
        return new Change(e.personRef(), RatedSubject.NATURAL_PERSON, s -> {
            if (deleted) {
                // deletion is final whatever the revision: replace whatever is kept by the tombstone
                boolean tombstoned = s.records().stream().anyMatch(r -> r.recordId().equals(e.recordId()) && "DELETED".equals(r.status()));
                if (tombstoned && !mentions(s, e.recordId())) {
                    return null;
                }
                List<RecordFact> kept = new java.util.ArrayList<>(s.records().stream().filter(r -> !r.recordId().equals(e.recordId())).toList());
                kept.add(fact);
                return RatingService.forget(withFacts(s, kept, s.lists()), e.recordId());
            }
            List<RecordFact> merged = Facts.merge(s.records(), fact);
            return merged == null ? null : withFacts(s, merged, s.lists());
        }, reason);
    }

    Change listEntryChange(EventEnvelope event) {
        ListEntryChanged e = consumer.payload(event, ListEntryChanged.class);
        if (e.entryId() == null || e.subject() == null || !e.subject().equals(event.subject()) || e.status() == null || e.listType() == null) {
            throw new PoisonEventException("list entry event " + event.id() + " lacks entryId, subject, listType or status, "
                    + "or its subject differs from ce_subject");
        }
        if (RatedSubject.NATURAL_PERSON.equals(e.subjectKind())) {
            // a person's list entries are keyed by blacklist-service's pseudonym, which personal records do not share
            registry.counter("opencredit.rating.facts.ignored", "reason", "person-list-entry").increment();
            return null;
        }
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
                s.current(), s.candidate(), s.review(), s.nextReviewOn(), s.history(), s.outbox(), s.version(), s.lock(), s.updatedAt());
    }

    static RatedSubject withRegistry(RatedSubject s, String name, String region, String industry, String entityKind) {
        return new RatedSubject(s.subject(), s.subjectKind(), name != null ? name : s.name(), region != null ? region : s.regionCode(),
                industry, entityKind != null ? entityKind : s.entityKind(), s.records(), s.lists(), s.current(), s.candidate(),
                s.review(), s.nextReviewOn(), s.history(), s.outbox(), s.version(), s.lock(), s.updatedAt());
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
