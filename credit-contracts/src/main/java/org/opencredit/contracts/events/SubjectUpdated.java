package org.opencredit.contracts.events;

import java.time.Instant;

/**
 * A legal-person subject's registry data changed (name, region, status...). Type
 * {@link EventTypes#SUBJECT_UPDATED_V1}, topic {@link Topics#SUBJECT}, key = USCC; same fields as
 * {@link SubjectRegistered}, with {@code registeredAt} the original registration time.
 */
public record SubjectUpdated(String uscc, String name, String authority, String entityKind, String regionCode,
                             Instant registeredAt, String industryCode) {

    /** The first shape of the event, without the optional industry code. */
    public SubjectUpdated(String uscc, String name, String authority, String entityKind, String regionCode, Instant registeredAt) {
        this(uscc, name, authority, entityKind, regionCode, registeredAt, null);
    }
    public static final String TYPE = EventTypes.SUBJECT_UPDATED_V1;
}
