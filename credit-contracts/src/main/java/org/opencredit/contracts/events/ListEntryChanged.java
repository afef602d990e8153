package org.opencredit.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A list entry of a subject changed: proposed, listed, removed or expired ({@code ce_type} says
 * which). Topic {@link Topics#LIST_ENTRY}, key = subject id. Schema:
 * {@code schemas/org.opencredit.list-entry.v1.json} for all four types.
 *
 * @param status   PROPOSED, LISTED, REMOVED or EXPIRED after the change
 * @param measures codes of the catalogued measures that apply while listed
 * @param revision consumers ignore older revisions of the same entry
 */
public record ListEntryChanged(String entryId, String subject, String listType, String listName, String status,
                               LocalDate listedOn, LocalDate expiresOn, String legalBasis, List<String> measures,
                               int revision, Instant changedAt) {
}
