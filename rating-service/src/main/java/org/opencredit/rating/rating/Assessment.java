package org.opencredit.rating.rating;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.opencredit.rating.model.Rating;

/**
 * A rating as stored: the model's result, when and why it was computed, and the version of the
 * facts it was computed from (a re-rating job uses it to tell a stale candidate).
 */
public record Assessment(String model, int score, String grade, String gradeLabel, LocalDate asOf, Instant ratedAt,
                         String reason, String override, LocalDate nextChangeOn, List<Rating.Factor> factors,
                         List<Rating.DimensionScore> dimensions) {

    public static Assessment of(Rating r, Instant at, String reason) {
        return new Assessment(r.model(), r.score(), r.grade(), r.gradeLabel(), r.asOf(), at, reason, r.override(),
                r.nextChangeOn(), r.factors(), r.dimensions());
    }

    /**
     * The rating without its explanation, as a candidate under a model being rolled out is stored: the
     * explanation is recomputed when it is read ({@link RatingService#visible}), from the same facts and
     * day, so it is the same; storing it for every subject would double the job's writes.
     */
    public Assessment slim() {
        return new Assessment(model, score, grade, gradeLabel, asOf, ratedAt, reason, override, nextChangeOn, List.of(), List.of());
    }

    /** Whether this is a slim candidate (a rating always has dimension scores). */
    public boolean explained() {
        return dimensions != null && !dimensions.isEmpty();
    }

    /** Whether this differs from {@code other} in what the rating changed event reports. */
    public boolean differsFrom(Assessment other) {
        return other == null || other.score() != score || !other.grade().equals(grade);
    }
}
