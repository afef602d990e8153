package org.opencredit.enterprise.report;

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
 * The current rating of each subject, from rating-service's events, so the credit report answers
 * while rating-service is down. A rating older than the one kept is ignored (replays converge).
 */
@Component
class RatingReadModel {

    static final String CONSUMER = "enterprise-credit-service.ratings";
    static final String COLLECTION = "ratings";

    /** The rating as the report shows it. */
    record CurrentRating(@Id String subject, String grade, int score, String modelVersion, Instant ratedAt, Instant receivedAt) {
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

    Mono<CurrentRating> apply(EventEnvelope event) {
        RatingChanged r = consumer.payload(event, RatingChanged.class);
        if (r.subject() == null || r.grade() == null || r.ratedAt() == null) {
            throw new EventConsumer.PoisonEventException("rating event " + event.id() + " lacks subject, grade or ratedAt");
        }
        CurrentRating next = new CurrentRating(r.subject(), r.grade(), r.score(), r.modelVersion(), r.ratedAt(), Instant.now());
        return mongo.findById(r.subject(), CurrentRating.class, COLLECTION)
                .filter(kept -> !kept.ratedAt().isBefore(next.ratedAt()))
                .switchIfEmpty(mongo.save(next, COLLECTION));
    }

    Mono<CurrentRating> find(String subject) {
        return mongo.findById(subject, CurrentRating.class, COLLECTION);
    }
}
