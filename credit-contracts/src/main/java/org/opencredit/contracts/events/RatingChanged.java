package org.opencredit.contracts.events;

import java.time.Instant;

/**
 * A subject's current rating changed. Type {@link EventTypes#RATING_CHANGED_V1}, topic
 * {@link Topics#RATING}, key = subject id (USCC). Consumers keep the one with the latest
 * {@code ratedAt}. Schema: {@code schemas/org.opencredit.rating.changed.v1.json}.
 *
 * @param grade        A, B, C or D
 * @param score        points on the model's scale
 * @param modelVersion the rating model version that produced it (ratings are reproducible)
 */
public record RatingChanged(String subject, String grade, int score, String modelVersion, Instant ratedAt) {
    public static final String TYPE = EventTypes.RATING_CHANGED_V1;
}
