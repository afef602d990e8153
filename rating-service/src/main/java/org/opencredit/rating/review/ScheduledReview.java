package org.opencredit.rating.review;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.LocalDate;

import org.opencredit.rating.rating.RatedSubject;
import org.opencredit.rating.rating.RatingService;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Mono;

/**
 * Ratings change with time alone: a record's publicity ends, a decay step begins, a list entry
 * expires. Every rating stores the first day that can happen ({@code nextReviewOn}); this review
 * re-rates the subjects whose day has come (by the injected clock).
 */
public class ScheduledReview {

    private final ReactiveMongoTemplate mongo;
    private final RatingService ratings;

    public ScheduledReview(ReactiveMongoTemplate mongo, RatingService ratings) {
        this.mongo = mongo;
        this.ratings = ratings;
    }

    /** Re-rates every subject due on or before today; emits how many were re-rated. */
    public Mono<Long> reviewDue() {
        LocalDate today = ratings.today();
        Query due = Query.query(where("nextReviewOn").lte(today));
        due.fields().include("_id").include("subjectKind").include("nextReviewOn");
        return mongo.find(due, org.bson.Document.class, RatedSubject.COLLECTION)
                .concatMap(d -> ratings.update(d.getString("_id"), d.getString("subjectKind"),
                        s -> s.nextReviewOn() != null && !s.nextReviewOn().isAfter(today) ? s : null,
                        "scheduled review on " + today + ": a publicity period, decay step or list entry ended"))
                .count();
    }
}
