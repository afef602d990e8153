package org.opencredit.testkit.data;

import java.time.LocalDate;

/**
 * A generated list entry; {@code listType} is a code of blacklist-service's list catalogue
 * (SERIOUS_DISHONESTY, JUDGMENT_DEFAULTER, MAJOR_TAX_VIOLATION, ABNORMAL_OPERATION, RED_LIST).
 */
public record GeneratedListEntry(String entryId, String listType, LocalDate listedOn, LocalDate expiresOn, String legalBasis) {

    /** Listed on or before {@code day} and not yet expired. */
    public boolean activeOn(LocalDate day) {
        return !listedOn.isAfter(day) && expiresOn.isAfter(day);
    }
}
