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

    /** Whether this differs from {@code other} in what the rating changed event reports. */
    public boolean differsFrom(Assessment other) {
        return other == null || other.score() != score || !other.grade().equals(grade);
    }
}
