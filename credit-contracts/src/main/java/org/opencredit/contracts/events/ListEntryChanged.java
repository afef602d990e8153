package org.opencredit.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A list entry of a subject changed: proposed, listed, removed or expired ({@code ce_type} says
 * which). Topic {@link Topics#LIST_ENTRY}, key = subject id. Schema:
 * {@code schemas/org.opencredit.list-entry.v1.json} for all four types.
 * <p>
 * The due-process steps before listing (notice, objection, answer) travel as {@code proposed}
 * events with status PROPOSED; {@code state} names the step. A proposal that is dropped before
 * listing (withdrawn, objection upheld) travels as {@code removed} with state WITHDRAWN.
 *
 * @param status      PROPOSED, LISTED, REMOVED or EXPIRED after the change
 * @param measures    codes of the catalogued measures that apply while listed
 * @param revision    consumers ignore older revisions of the same entry
 * @param state       optional (added later, may be null): the entry's due-process state after the change:
 *                    PROPOSED, NOTIFIED, OBJECTED, LISTED, WITHDRAWN, REMOVED or EXPIRED
 * @param transition  optional: the step that caused the change (PROPOSE, NOTIFY, OBJECT, ANSWER_OBJECTION,
 *                    LIST, EXTEND, REMOVE, WITHDRAW, EXPIRE)
 * @param reason      optional: why, in the deciding authority's words
 * @param subjectKind optional: LEGAL_PERSON or NATURAL_PERSON (a natural person's subject id is a keyed pseudonym)
 */
public record ListEntryChanged(String entryId, String subject, String listType, String listName, String status,
                               LocalDate listedOn, LocalDate expiresOn, String legalBasis, List<String> measures,
                               int revision, Instant changedAt, String state, String transition, String reason,
                               String subjectKind) {

    /** The first shape of the event, without the optional due-process fields. */
    public ListEntryChanged(String entryId, String subject, String listType, String listName, String status,
                            LocalDate listedOn, LocalDate expiresOn, String legalBasis, List<String> measures,
                            int revision, Instant changedAt) {
        this(entryId, subject, listType, listName, status, listedOn, expiresOn, legalBasis, measures, revision, changedAt,
                null, null, null, null);
    }
}
