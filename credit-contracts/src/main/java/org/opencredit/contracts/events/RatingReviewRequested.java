package org.opencredit.contracts.events;

import java.time.Instant;

/**
 * A human review of a rating was requested or concluded (PIPL Art. 24: an automated decision that
 * significantly affects a person must be open to human review). Types
 * {@link EventTypes#RATING_REVIEW_REQUESTED_V1} and {@link EventTypes#RATING_REVIEW_RESOLVED_V1}, topic
 * {@link Topics#RATING}, key = subject id. Schema: {@code schemas/org.opencredit.rating.review.v1.json}.
 *
 * @param state       REQUESTED, CONFIRMED (the rating stands) or CORRECTED (the reviewer found the facts wrong)
 * @param requestedBy the client or department that asked for the review
 * @param reason      the request's grounds, or the reviewer's conclusion
 */
public record RatingReviewRequested(String subject, String subjectKind, String grade, int score, String modelVersion,
                                    String state, String requestedBy, String reason, Instant at) {
}
