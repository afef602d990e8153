package org.opencredit.contracts.events;

import java.time.Instant;

/**
 * A subject's current rating changed (score or grade). Type {@link EventTypes#RATING_CHANGED_V1},
 * topic {@link Topics#RATING}, key = subject id (USCC, or a person's opaque reference). Consumers keep
 * the one with the latest {@code ratedAt}. Schema: {@code schemas/org.opencredit.rating.changed.v1.json}.
 *
 * @param grade         A, B, C or D (a person model's bands use the same codes)
 * @param score         points on the model's scale
 * @param modelVersion  the rating model ({@code id@version}) that produced it (ratings are reproducible)
 * @param subjectKind   optional (added later, may be null): LEGAL_PERSON or NATURAL_PERSON
 * @param previousGrade optional: the grade before the change; null for a subject's first rating
 * @param previousScore optional: the score before the change
 * @param reason        optional: why it changed (the event or job that caused it)
 * @param subjectPseudonym optional, persons only: the platform-wide pseudonym ({@code person:<16 hex>}) under which
 *                      blacklist-service keeps the person's list entries, once rating-service has learnt it from a
 *                      person record event; lets consumers that key persons by it find the rating
 */
public record RatingChanged(String subject, String grade, int score, String modelVersion, Instant ratedAt,
                            String subjectKind, String previousGrade, Integer previousScore, String reason,
                            String subjectPseudonym) {
    public static final String TYPE = EventTypes.RATING_CHANGED_V1;

    /** The first shape of the event, without the optional fields. */
    public RatingChanged(String subject, String grade, int score, String modelVersion, Instant ratedAt) {
        this(subject, grade, score, modelVersion, ratedAt, null, null, null, null, null);
    }
}
