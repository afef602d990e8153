package org.opencredit.contracts.events;

import java.time.Instant;

/**
 * A legal-person subject entered the platform. Type {@link EventTypes#SUBJECT_REGISTERED_V1},
 * topic {@link Topics#SUBJECT}, key = USCC. Schema: {@code schemas/org.opencredit.subject.registered.v1.json}.
 *
 * @param uscc         the subject's Unified Social Credit Code
 * @param name         registered name
 * @param authority    registration authority (position 1), e.g. MARKET_REGULATION
 * @param entityKind   entity kind (position 2), e.g. "enterprise"
 * @param regionCode   GB/T 2260 division code (positions 3-8)
 * @param registeredAt when the platform registered it
 * @param industryCode optional (added later, may be null): GB/T 4754 industry code, e.g. {@code C3911}
 */
public record SubjectRegistered(String uscc, String name, String authority, String entityKind, String regionCode,
                                Instant registeredAt, String industryCode) {

    /** The first shape of the event, without the optional industry code. */
    public SubjectRegistered(String uscc, String name, String authority, String entityKind, String regionCode, Instant registeredAt) {
        this(uscc, name, authority, entityKind, regionCode, registeredAt, null);
    }
    public static final String TYPE = EventTypes.SUBJECT_REGISTERED_V1;
}
