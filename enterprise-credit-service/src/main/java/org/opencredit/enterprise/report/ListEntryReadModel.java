package org.opencredit.enterprise.report;

import static org.springframework.data.mongodb.core.query.Criteria.where;

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
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Each subject's list entries, from blacklist-service's events, for the credit report. An older
 * revision of an entry never replaces a newer one.
 */
@Component
class ListEntryReadModel {

    static final String CONSUMER = "enterprise-credit-service.list-entries";
    static final String COLLECTION = "list_entries";

    /** A list entry as the report shows it. */
    record Entry(@Id String entryId, String subject, String listType, String listName, String status, LocalDate listedOn,
                 LocalDate expiresOn, String legalBasis, List<String> measures, int revision) {
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

    Mono<Entry> apply(EventEnvelope event) {
        ListEntryChanged e = consumer.payload(event, ListEntryChanged.class);
        if (e.entryId() == null || e.subject() == null || e.status() == null) {
            throw new EventConsumer.PoisonEventException("list entry event " + event.id() + " lacks entryId, subject or status");
        }
        Entry next = new Entry(e.entryId(), e.subject(), e.listType(), e.listName(), e.status(), e.listedOn(), e.expiresOn(),
                e.legalBasis(), e.measures() == null ? List.of() : e.measures(), e.revision());
        return mongo.findById(e.entryId(), Entry.class, COLLECTION)
                .filter(kept -> kept.revision() >= next.revision())
                .switchIfEmpty(mongo.save(next, COLLECTION));
    }

    /** Entries currently in force (listed) for a subject. */
    Flux<Entry> listed(String subject) {
        return mongo.find(Query.query(where("subject").is(subject).and("status").is("LISTED")), Entry.class, COLLECTION);
    }
}
