package org.opencredit.personal.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.opencredit.personal.access.Consent;

/** A registered consent as the credit office sees it, with its state today (CURRENT, NOT_YET_VALID, EXPIRED or REVOKED). */
record ConsentView(String reference, String personRef, String client, List<String> purposes, LocalDate validFrom, LocalDate validUntil,
                   String state, Instant registeredAt, String registeredBy, Instant revokedAt, String revokedBy, String revocationReason) {

    static ConsentView of(Consent c, LocalDate today) {
        String state = c.revoked() ? "REVOKED" : today.isAfter(c.validUntil()) ? "EXPIRED" : today.isBefore(c.validFrom()) ? "NOT_YET_VALID"
                : "CURRENT";
        return new ConsentView(c.reference(), c.personRef(), c.client(), c.purposes(), c.validFrom(), c.validUntil(), state,
                c.registeredAt(), c.registeredBy(), c.revokedAt(), c.revokedBy(), c.revocationReason());
    }
}
