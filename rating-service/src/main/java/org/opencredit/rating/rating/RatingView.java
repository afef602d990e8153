package org.opencredit.rating.rating;

import java.time.Instant;

/**
 * A subject's current rating. Until the scorecards arrive (rating issue) every known subject is
 * {@code NOT_YET_RATED}, with no grade and no model version.
 */
public record RatingView(String uscc, String name, String entityKind, String regionCode, String grade, String status,
                         String modelVersion, Instant knownSince) {
    public static final String NOT_YET_RATED = "NOT_YET_RATED";
}
