package org.opencredit.blacklist.rating;

import java.time.Instant;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.opencredit.chassis.consumer.EventConsumer;
import org.opencredit.contracts.events.EventEnvelope;
import org.opencredit.contracts.events.RatingChanged;
import org.opencredit.contracts.events.Topics;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Each subject's current rating, from rating-service's events, so a credit check answers while
 * rating-service is down. Duplicates are skipped by event id; an older rating never replaces a newer one.
 */
@Component
public class RatingReadModel {

    static final String CONSUMER = "blacklist-service.ratings";
    static final String COLLECTION = "ratings";

    /** A subject's rating as last heard. */
    public record Rating(@Id String subject, String grade, int score, String modelVersion, Instant ratedAt, String lastEventId) {
    }

    private final EventConsumer consumer;
    private final ReactiveMongoTemplate mongo;

    RatingReadModel(EventConsumer consumer, ReactiveMongoTemplate mongo) {
        this.consumer = consumer;
        this.mongo = mongo;
    }

    @KafkaListener(topics = Topics.RATING, groupId = CONSUMER)
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(CONSUMER, record, Set.of(RatingChanged.TYPE), this::apply);
    }

    Mono<Rating> apply(EventEnvelope event) {
        RatingChanged e = consumer.payload(event, RatingChanged.class);
        if (e.subject() == null || !e.subject().equals(event.subject()) || e.grade() == null || e.ratedAt() == null) {
            throw new EventConsumer.PoisonEventException("rating event " + event.id() + " lacks subject, grade or ratedAt, "
                    + "or its subject differs from ce_subject");
        }
        // a person's rating is keyed by rating-service's personRef; checks name persons by the platform pseudonym,
        // which the event carries once rating-service has learnt it
        String key = e.subjectPseudonym() != null ? e.subjectPseudonym() : e.subject();
        Rating next = new Rating(key, e.grade(), e.score(), e.modelVersion(), e.ratedAt(), event.id());
        return find(key)
                .filter(kept -> !kept.ratedAt().isBefore(next.ratedAt()))
                .switchIfEmpty(mongo.save(next, COLLECTION));
    }

    public Mono<Rating> find(String subject) {
        return mongo.findById(subject, Rating.class, COLLECTION);
    }
}
