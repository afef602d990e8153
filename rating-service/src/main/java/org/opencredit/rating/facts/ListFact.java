package org.opencredit.rating.facts;

import java.time.LocalDate;

/**
 * What the rating knows of one list entry of the subject.
 *
 * @param status PROPOSED, LISTED, REMOVED or EXPIRED; only a LISTED entry within its period counts
 */
public record ListFact(String entryId, String listType, String status, LocalDate listedOn, LocalDate expiresOn,
                       int revision) {

    public static final String LISTED = "LISTED";

    public boolean inForce(LocalDate day) {
        return LISTED.equals(status) && (listedOn == null || !listedOn.isAfter(day))
                && (expiresOn == null || day.isBefore(expiresOn));
    }
}
