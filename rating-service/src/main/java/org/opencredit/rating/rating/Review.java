package org.opencredit.rating.rating;

import java.time.Instant;

/**
 * A human review of the subject's rating (PIPL Art. 24).
 *
 * @param state REQUESTED while open; CONFIRMED or CORRECTED once a reviewer concluded
 */
public record Review(String state, String requestedBy, Instant requestedAt, String grounds, String reviewedBy,
                     Instant reviewedAt, String conclusion) {

    public static final String REQUESTED = "REQUESTED";

    public boolean open() {
        return REQUESTED.equals(state);
    }
}
