package org.opencredit.contracts.events;

/**
 * CloudEvents {@code ce_type} values. The version is part of the type: a breaking change is a new
 * type, and consumers accept both while producers migrate.
 */
public final class EventTypes {
    public static final String SUBJECT_REGISTERED_V1 = "org.opencredit.subject.registered.v1";
    public static final String SUBJECT_UPDATED_V1 = "org.opencredit.subject.updated.v1";
    public static final String RECORD_PUBLISHED_V1 = "org.opencredit.record.published.v1";
    public static final String RECORD_REVISED_V1 = "org.opencredit.record.revised.v1";
    public static final String RECORD_WITHDRAWN_V1 = "org.opencredit.record.withdrawn.v1";
    public static final String RECORD_EXPIRED_V1 = "org.opencredit.record.expired.v1";
    public static final String RECORD_REPAIRED_V1 = "org.opencredit.record.repaired.v1";

    public static final String RATING_CHANGED_V1 = "org.opencredit.rating.changed.v1";
    /** A human review of a rating was requested; topic {@link Topics#RATING}. */
    public static final String RATING_REVIEW_REQUESTED_V1 = "org.opencredit.rating.review-requested.v1";
    /** A human review of a rating was concluded; topic {@link Topics#RATING}. */
    public static final String RATING_REVIEW_RESOLVED_V1 = "org.opencredit.rating.review-resolved.v1";
    public static final String LIST_ENTRY_PROPOSED_V1 = "org.opencredit.list-entry.proposed.v1";
    public static final String LIST_ENTRY_LISTED_V1 = "org.opencredit.list-entry.listed.v1";
    public static final String LIST_ENTRY_REMOVED_V1 = "org.opencredit.list-entry.removed.v1";
    public static final String LIST_ENTRY_EXPIRED_V1 = "org.opencredit.list-entry.expired.v1";
    /** One request through the gateway, for the access audit; topic {@link Topics#ACCESS_AUDIT}. */
    public static final String ACCESS_AUDITED_V1 = "org.opencredit.access.audited.v1";

    /** Personal credit records and objections to them; topic {@link Topics#PERSON_RECORD}, key = person reference. */
    public static final String PERSON_RECORD_PUBLISHED_V1 = "org.opencredit.person-record.published.v1";
    public static final String PERSON_RECORD_REVISED_V1 = "org.opencredit.person-record.revised.v1";
    public static final String PERSON_RECORD_WITHDRAWN_V1 = "org.opencredit.person-record.withdrawn.v1";
    /** Deleted by the five-year retention rule: consumers drop whatever they derived from the record. */
    public static final String PERSON_RECORD_DELETED_V1 = "org.opencredit.person-record.deleted.v1";
    public static final String PERSON_OBJECTION_OPENED_V1 = "org.opencredit.person-record.objection-opened.v1";
    public static final String PERSON_OBJECTION_RESOLVED_V1 = "org.opencredit.person-record.objection-resolved.v1";

    public static final java.util.Set<String> PERSON_RECORD_TYPES = java.util.Set.of(PERSON_RECORD_PUBLISHED_V1,
            PERSON_RECORD_REVISED_V1, PERSON_RECORD_WITHDRAWN_V1, PERSON_RECORD_DELETED_V1, PERSON_OBJECTION_OPENED_V1,
            PERSON_OBJECTION_RESOLVED_V1);

    public static final java.util.Set<String> LIST_ENTRY_TYPES = java.util.Set.of(LIST_ENTRY_PROPOSED_V1, LIST_ENTRY_LISTED_V1,
            LIST_ENTRY_REMOVED_V1, LIST_ENTRY_EXPIRED_V1);

    public static final java.util.Set<String> RECORD_TYPES = java.util.Set.of(RECORD_PUBLISHED_V1, RECORD_REVISED_V1,
            RECORD_WITHDRAWN_V1, RECORD_EXPIRED_V1, RECORD_REPAIRED_V1);

    /** Classpath location of the JSON Schema of an event type; the record family shares one. */
    public static String schemaResource(String type) {
        if (RECORD_TYPES.contains(type)) {
            return "schemas/org.opencredit.record.v1.json";
        }
        if (PERSON_RECORD_TYPES.contains(type)) {
            return "schemas/org.opencredit.person-record.v1.json";
        }
        if (LIST_ENTRY_TYPES.contains(type)) {
            return "schemas/org.opencredit.list-entry.v1.json";
        }
        if (RATING_REVIEW_REQUESTED_V1.equals(type) || RATING_REVIEW_RESOLVED_V1.equals(type)) {
            return "schemas/org.opencredit.rating.review.v1.json";
        }
        if (SUBJECT_UPDATED_V1.equals(type)) {
            return "schemas/" + SUBJECT_REGISTERED_V1 + ".json";
        }
        return "schemas/" + type + ".json";
    }

    private EventTypes() {
    }
}
