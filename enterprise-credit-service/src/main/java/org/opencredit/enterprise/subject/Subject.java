package org.opencredit.enterprise.subject;

import java.time.Instant;
import java.time.LocalDate;

import org.opencredit.contracts.identifier.RegistrationAuthority;
import org.opencredit.contracts.identifier.Uscc;

/**
 * A legal-person subject: enterprise, individual business, co-operative, public institution,
 * social organisation or government body, keyed by its USCC. What the code implies (authority,
 * entity kind, region) is derived from it, never taken from the caller.
 */
public record Subject(String uscc, String name, String authority, String authorityName, String entityKind,
                      String regionCode, String organisationCode, String legalRepresentative, LocalDate establishedOn,
                      Instant registeredAt) {

    public static final int MAX_NAME_LENGTH = 200;

    static Subject register(Uscc code, String name, String legalRepresentative, LocalDate establishedOn, Instant now) {
        RegistrationAuthority authority = code.authority().orElse(RegistrationAuthority.OTHER);
        return new Subject(code.value(), name.strip(), authority.name(), authority.chineseName(), code.entityKind(),
                code.regionCode(), code.organisationCode(), blankToNull(legalRepresentative), establishedOn, now);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
