package org.opencredit.blacklist.subject;

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
 * blacklist-service's own directory of subjects, fed by the subject topic: a credit check is
 * answered from local data even while enterprise-credit-service is down. Upsert by USCC, so a
 * replay from offset 0 converges to the same state.
 */
@Component
public class SubjectDirectory {

    static final String CONSUMER = "blacklist-service.subjects";
    static final String COLLECTION = "subjects";

    private final EventConsumer consumer;
    private final ReactiveMongoTemplate mongo;

    SubjectDirectory(EventConsumer consumer, ReactiveMongoTemplate mongo) {
        this.consumer = consumer;
        this.mongo = mongo;
    }

    @KafkaListener(topics = Topics.SUBJECT, groupId = CONSUMER)
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(CONSUMER, record, Set.of(SubjectRegistered.TYPE, SubjectUpdated.TYPE), this::learn);
    }

    Mono<CheckableSubject> learn(EventEnvelope event) {
        // registered and updated carry the same fields
        SubjectRegistered e = consumer.payload(event, SubjectRegistered.class);
        if (e.uscc() == null || !e.uscc().equals(event.subject())) {
            throw new EventConsumer.PoisonEventException("event " + event.id() + ": payload USCC differs from ce_subject");
        }
        CheckableSubject s = new CheckableSubject(e.uscc(), e.name(), e.authority(), e.entityKind(), e.regionCode(),
                e.registeredAt(), event.id());
        return mongo.findAndReplace(Query.query(where("_id").is(s.uscc())), s,
                FindAndReplaceOptions.options().upsert().returnNew(), CheckableSubject.class, COLLECTION);
    }

    public Mono<CheckableSubject> find(String uscc) {
        return mongo.findById(uscc, CheckableSubject.class, COLLECTION);
    }
}
