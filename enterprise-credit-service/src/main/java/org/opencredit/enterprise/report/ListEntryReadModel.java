package org.opencredit.enterprise.report;

import java.time.LocalDate;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.opencredit.chassis.consumer.EventConsumer;
import org.opencredit.contracts.events.EventEnvelope;
import org.opencredit.contracts.events.EventTypes;
import org.opencredit.contracts.events.ListEntryChanged;
import org.opencredit.contracts.events.Topics;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Each subject's list entries, from blacklist-service's events, for the credit report: one document
 * per subject (collection {@code subject_list_entries}), so a report reads its subject's entries by id
 * (a query on another field scans the whole collection on the embedded store). An older revision of an
 * entry never replaces a newer one. A subject's events arrive in order on one partition and are applied
 * one at a time, so the read-modify-write of its document does not race.
 */
@Component
class ListEntryReadModel {

    static final String CONSUMER = "enterprise-credit-service.list-entries";
    static final String COLLECTION = "subject_list_entries";
    /** One document per entry, queried by subject: the layout before 2026-11-28, moved over once at start. */
    static final String LEGACY_COLLECTION = "list_entries";
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ListEntryReadModel.class);

    /** A list entry as the report shows it. */
    record Entry(String entryId, String listType, String listName, String status, LocalDate listedOn,
                 LocalDate expiresOn, String legalBasis, List<String> measures, int revision) {
    }

    /** A subject's entries, as last heard. */
    record SubjectEntries(@Id String subject, List<Entry> entries) {
    }

    private final EventConsumer consumer;
    private final ReactiveMongoTemplate mongo;

    ListEntryReadModel(EventConsumer consumer, ReactiveMongoTemplate mongo) {
        this.consumer = consumer;
        this.mongo = mongo;
    }

    @KafkaListener(topics = Topics.LIST_ENTRY, groupId = CONSUMER)
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(CONSUMER, record, EventTypes.LIST_ENTRY_TYPES, this::apply);
    }

    Mono<SubjectEntries> apply(EventEnvelope event) {
        ListEntryChanged e = consumer.payload(event, ListEntryChanged.class);
        if (e.entryId() == null || e.subject() == null || e.status() == null) {
            throw new EventConsumer.PoisonEventException("list entry event " + event.id() + " lacks entryId, subject or status");
        }
        Entry next = new Entry(e.entryId(), e.listType(), e.listName(), e.status(), e.listedOn(), e.expiresOn(),
                e.legalBasis(), e.measures() == null ? List.of() : e.measures(), e.revision());
        return merge(e.subject(), List.of(next));
    }

    /** Keeps, per entry, the highest revision of what is held and {@code incoming}; writes only if something changed. */
    private Mono<SubjectEntries> merge(String subject, List<Entry> incoming) {
        return mongo.findById(subject, SubjectEntries.class, COLLECTION)
                .defaultIfEmpty(new SubjectEntries(subject, List.of()))
                .flatMap(held -> {
                    java.util.Map<String, Entry> byId = new java.util.LinkedHashMap<>();
                    held.entries().forEach(x -> byId.put(x.entryId(), x));
                    boolean changed = false;
                    for (Entry next : incoming) {
                        Entry kept = byId.get(next.entryId());
                        if (kept == null || kept.revision() < next.revision()) {
                            byId.put(next.entryId(), next);
                            changed = true;
                        }
                    }
                    return changed ? mongo.save(new SubjectEntries(subject, List.copyOf(byId.values())), COLLECTION) : Mono.just(held);
                });
    }

    /** Entries currently in force (listed) for a subject: one read by id. */
    Flux<Entry> listed(String subject) {
        return mongo.findById(subject, SubjectEntries.class, COLLECTION)
                .flatMapIterable(SubjectEntries::entries)
                .filter(x -> "LISTED".equals(x.status()));
    }

    /** Moves entries kept in the layout before 2026-11-28 (one document per entry) into the per-subject documents, once. */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void moveLegacyEntries() {
        migrate().subscribe(n -> {
            if (n > 0) {
                log.info("moved {} list entries of the read model into per-subject documents", n);
            }
        }, failure -> log.warn("moving the list entries of the read model failed (retried at the next start): {}", failure.toString()));
    }

    /** Emits how many legacy entries were moved. */
    Mono<Long> migrate() {
        return mongo.collectionExists(LEGACY_COLLECTION).flatMap(exists -> !exists ? Mono.just(0L)
                : mongo.findAll(org.bson.Document.class, LEGACY_COLLECTION)
                .map(d -> java.util.Map.entry(d.getString("subject"), new Entry(d.getString("_id"), d.getString("listType"),
                        d.getString("listName"), d.getString("status"), localDate(d.get("listedOn")), localDate(d.get("expiresOn")),
                        d.getString("legalBasis"), d.getList("measures", String.class, List.of()),
                        d.get("revision") instanceof Number n ? n.intValue() : 0)))
                .filter(x -> x.getKey() != null && x.getValue().entryId() != null)
                .collectMultimap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue)
                .flatMap(bySubject -> reactor.core.publisher.Flux.fromIterable(bySubject.entrySet())
                        .concatMap(x -> merge(x.getKey(), List.copyOf(x.getValue())))
                        .then(Mono.just(bySubject.values().stream().mapToLong(java.util.Collection::size).sum())))
                .flatMap(n -> mongo.dropCollection(LEGACY_COLLECTION).thenReturn(n)));
    }

    private LocalDate localDate(Object value) {
        return value == null ? null : mongo.getConverter().getConversionService().convert(value, LocalDate.class);
    }
}
