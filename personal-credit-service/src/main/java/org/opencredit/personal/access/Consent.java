package org.opencredit.personal.access;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A person's written authorisation for one partner, as the credit office registered it: which partner
 * client may read the person's data, for which purposes, from when until when (both days included).
 * Revocable; a revoked consent is kept (with who revoked it, when and why), never deleted.
 *
 * @param reference the authorisation's id, the value partners send in {@link AccessPolicy#CONSENT_HEADER}
 * @param client    the partner API client it authorises
 */
@Document(Consent.COLLECTION)
public record Consent(@Id String reference, String personRef, String client, List<String> purposes, LocalDate validFrom,
                      LocalDate validUntil, Instant registeredAt, String registeredBy, Instant revokedAt, String revokedBy,
                      String revocationReason) {

    public static final String COLLECTION = "consents";

    public Consent {
        purposes = List.copyOf(purposes);
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    /** Current on {@code today}: from {@code validFrom} to {@code validUntil}, both included. */
    public boolean currentOn(LocalDate today) {
        return !today.isBefore(validFrom) && !today.isAfter(validUntil);
    }
}
