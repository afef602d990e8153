package org.opencredit.rating.rating;

import java.time.Instant;
import java.util.List;

import org.opencredit.rating.model.Rating;

/**
 * One change of a subject's score or grade, with the reason (the event or job that caused it) and
 * the factors of the new rating, so every past grade can still be explained.
 */
public record HistoryEntry(Instant at, String model, String previousGrade, Integer previousScore, String grade, int score,
                           String reason, String override, List<Rating.Factor> factors) {
}
