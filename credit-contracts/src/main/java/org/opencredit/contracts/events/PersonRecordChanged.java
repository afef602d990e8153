package org.opencredit.contracts.events;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A personal credit record changed: published, revised, withdrawn, deleted by retention, or an
 * objection to it was opened or resolved (the {@code ce_type} says which, see
 * {@link EventTypes#PERSON_RECORD_TYPES}). Topic {@link Topics#PERSON_RECORD}, key = {@code personRef}.
 * Schema: {@code schemas/org.opencredit.person-record.v1.json}.
 * <p>
 * Carries no personal identifier: {@code personRef} is an opaque reference assigned by
 * personal-credit-service, not the identity number nor anything computed from it.
 *
 * @param status      the record's status after the change (PUBLISHED, WITHDRAWN, DELETED)
 * @param revision    the record's revision after the change; consumers ignore older revisions
 * @param disputed    whether an objection to the record is open
 * @param objectionId the objection opened or resolved; null for other changes
 * @param outcome     ACCEPTED or REJECTED when an objection was resolved; null otherwise
 * @param reason      why it was revised, withdrawn or deleted, or the objection's resolution; null when published
 * @param subjectPseudonym optional: the platform-wide keyed pseudonym of the person ({@code person:<16 hex>},
 *                    HMAC-SHA256 with {@code OPENCREDIT_PERSON_PEPPER}), the same key blacklist-service puts on a
 *                    person's list entries. It lets consumers join a person's records and list entries without any
 *                    identity number; it cannot be reversed without the pepper. Null from producers that predate it.
 */
public record PersonRecordChanged(String recordId, String personRef, String category, String severity, String polarity,
                                  String department, LocalDate decisionDate, String status, int revision, boolean disputed,
                                  String objectionId, String outcome, String reason, Instant changedAt,
                                  String subjectPseudonym) {
}
