package org.opencredit.rating.rating;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.opencredit.rating.model.Rating;

/**
 * A subject's rating as answered: grade, score, the model that produced it and its explanation.
 *
 * @param status       RATED, or UNDER_REVIEW while a human review is open
 * @param nextChangeOn the first day time alone may change it
 * @param notice       for persons: the rating is never the only basis of a decision, and how to ask for a review
 */
public record RatingView(String subject, String subjectKind, String name, String regionCode, String industryCode, String grade,
                         String gradeLabel, int score, String model, Instant ratedAt, String reason, String status,
                         String override, LocalDate nextChangeOn, List<Rating.DimensionScore> dimensions,
                         List<Rating.Factor> factors, Review review, String notice) {

    static final String PERSON_NOTICE = "A person's rating is never the only basis of a decision (PIPL Art. 24): read it with its "
            + "explanation; the person or the deciding department may ask for a human review with POST "
            + "/api/v1/ratings/{subject}/review-requests.";

    static RatingView of(RatedSubject s, Assessment a) {
        boolean person = RatedSubject.NATURAL_PERSON.equals(s.subjectKind());
        return new RatingView(s.subject(), s.subjectKind(), s.name(), s.regionCode(), s.industryCode(), a.grade(), a.gradeLabel(),
                a.score(), a.model(), a.ratedAt(), a.reason(), s.review() != null && s.review().open() ? "UNDER_REVIEW" : "RATED",
                a.override(), a.nextChangeOn(), a.dimensions(), a.factors(), s.review(), person ? PERSON_NOTICE : null);
    }
}
