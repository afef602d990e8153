package org.opencredit.rating.rating;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import org.opencredit.chassis.outbox.OutboxEvents;
import org.opencredit.chassis.outbox.OutboxMessage;
import org.opencredit.chassis.outbox.OutboxRelay;
import org.opencredit.chassis.problem.ProblemException;
import org.opencredit.contracts.events.EventTypes;
import org.opencredit.contracts.events.RatingReviewRequested;
import org.opencredit.contracts.events.Topics;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Human review of a rating (PIPL Art. 24): a request marks the rating under review and emits an
 * event; a reviewer concludes it. The review and its event are one document update.
 */
@Service
public class ReviewService {

    private final ReactiveMongoTemplate mongo;
    private final RatingService ratings;
    private final OutboxEvents events;
    private final OutboxRelay relay;

    ReviewService(ReactiveMongoTemplate mongo, RatingService ratings, OutboxEvents events, OutboxRelay relay) {
        this.mongo = mongo;
        this.ratings = ratings;
        this.events = events;
        this.relay = relay;
    }

    Mono<RatedSubject> request(RatedSubject s, String by, String grounds) {
        if (s.review() != null && s.review().open()) {
            return Mono.error(ProblemException.conflict("review-open", "a review of " + s.subject() + " requested by "
                    + s.review().requestedBy() + " at " + s.review().requestedAt() + " is still open; wait for its conclusion")
                    .with("subject", s.subject()));
        }
        Review review = new Review(Review.REQUESTED, by, ratings.now(), grounds, null, null, null);
        return write(s, review, EventTypes.RATING_REVIEW_REQUESTED_V1, Review.REQUESTED, by, grounds);
    }

    Mono<RatedSubject> conclude(RatedSubject s, String by, String outcome, String conclusion) {
        if (s.review() == null || !s.review().open()) {
            return Mono.error(ProblemException.conflict("no-open-review", "no review of " + s.subject()
                    + " is open; ask for one with POST /api/v1/ratings/" + s.subject() + "/review-requests").with("subject", s.subject()));
        }
        Review review = new Review(outcome, s.review().requestedBy(), s.review().requestedAt(), s.review().grounds(), by,
                ratings.now(), conclusion);
        return write(s, review, EventTypes.RATING_REVIEW_RESOLVED_V1, outcome, s.review().requestedBy(), conclusion);
    }

    private Mono<RatedSubject> write(RatedSubject s, Review review, String type, String state, String requestedBy, String reason) {
        Assessment a = ratings.visible(s).orElseThrow();
        OutboxMessage event = events.create(Topics.RATING, type, s.subject(), new RatingReviewRequested(s.subject(), s.subjectKind(),
                a.grade(), a.score(), a.model(), state, requestedBy, reason, ratings.now()));
        long version = s.version() + 1;
        String lock = RatedSubject.lockOf(s.subject(), version);
        Update update = new Update().set("review", review).set("version", version).set("lock", lock).push("outbox", event);
        return mongo.updateFirst(Query.query(where("lock").is(s.lock())), update, RatedSubject.class, RatedSubject.COLLECTION)
                .flatMap(r -> r.getMatchedCount() == 0
                        ? Mono.error(ProblemException.conflict("concurrent-change", "the rating of " + s.subject()
                        + " changed while your request was processed; read it again and retry"))
                        : ratings.find(s.subject()))
                .doOnNext(w -> relay.relaySoon(RatedSubject.COLLECTION, w.subject()));
    }
}
