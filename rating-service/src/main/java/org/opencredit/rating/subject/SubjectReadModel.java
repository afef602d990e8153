package org.opencredit.rating.subject;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.opencredit.chassis.consumer.EventConsumer;
import org.opencredit.contracts.events.EventEnvelope;
import org.opencredit.contracts.events.SubjectRegistered;
import org.opencredit.contracts.events.SubjectUpdated;
import org.opencredit.contracts.events.Topics;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Keeps {@code subjects} in rating-service's own database from the subject topic, so ratings are
 * answered from local data even while enterprise-credit-service is down. Replaying the topic
 * from offset 0 rebuilds the same state (upsert by USCC).
 */
@Component
public class SubjectReadModel {

    static final String CONSUMER = "rating-service.subjects";
    public static final String COLLECTION = "subjects";

    private final EventConsumer consumer;
    private final ReactiveMongoTemplate mongo;

    SubjectReadModel(EventConsumer consumer, ReactiveMongoTemplate mongo) {
        this.consumer = consumer;
        this.mongo = mongo;
    }

    @KafkaListener(topics = Topics.SUBJECT, groupId = CONSUMER)
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(CONSUMER, record, Set.of(SubjectRegistered.TYPE, SubjectUpdated.TYPE), this::apply);
    }

    Mono<KnownSubject> apply(EventEnvelope event) {
        // registered and updated carry the same fields
        SubjectRegistered registered = consumer.payload(event, SubjectRegistered.class);
        if (registered.uscc() == null || !registered.uscc().equals(event.subject())) {
            throw new EventConsumer.PoisonEventException("subject registered event " + event.id()
                    + " has a payload USCC that differs from its ce_subject");
        }
        KnownSubject subject = new KnownSubject(registered.uscc(), registered.name(), registered.entityKind(),
                registered.regionCode(), registered.registeredAt(), event.id());
        return mongo.findAndReplace(Query.query(where("_id").is(subject.uscc())), subject,
                FindAndReplaceOptions.options().upsert().returnNew(), KnownSubject.class, COLLECTION);
    }

    public Mono<KnownSubject> find(String uscc) {
        return mongo.findById(uscc, KnownSubject.class, COLLECTION);
    }
}
