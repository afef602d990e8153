package org.opencredit.enterprise.subject;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.opencredit.contracts.identifier.RegistrationAuthority;
import org.opencredit.contracts.identifier.Uscc;

/**
 * A legal-person subject: enterprise, individual business, co-operative, public institution,
 * social organisation or government body, keyed by its USCC. Authority, entity kind and
 * organisation code follow from the code; the region too, unless the registry says otherwise.
 *
 * @param registrationNumber the 15-digit business registration number departments still send
 * @param registeredCapital  in yuan
 * @param industryCode       GB/T 4754 code, e.g. {@code C3911}
 * @param formerNames        names it had before, newest first; kept on every rename
 */
public record Subject(String uscc, String name, List<String> formerNames, String authority, String authorityName,
                      String entityKind, String regionCode, String organisationCode, String registrationNumber,
                      String legalRepresentative, BigDecimal registeredCapital, LocalDate establishedOn, String industryCode,
                      String registeredAddress, SubjectStatus status, Instant registeredAt, Instant updatedAt) {

    public static final int MAX_NAME_LENGTH = 200;

    public Subject {
        formerNames = formerNames == null ? List.of() : List.copyOf(formerNames);
    }

    static Subject register(Uscc code, SubjectDetails d, Instant now) {
        RegistrationAuthority authority = code.authority().orElse(RegistrationAuthority.OTHER);
        return new Subject(code.value(), d.name().strip(), d.formerNames(), authority.name(), authority.chineseName(),
                code.entityKind(), d.regionCode() == null ? code.regionCode() : d.regionCode(), code.organisationCode(),
                d.registrationNumber(), blankToNull(d.legalRepresentative()), d.registeredCapital(), d.establishedOn(),
                d.industryCode(), blankToNull(d.registeredAddress()), d.status() == null ? SubjectStatus.ACTIVE : d.status(),
                now, now);
    }

    /** The subject after a registry change; a new name pushes the old one onto the former names. */
    Subject update(SubjectDetails d, Instant now) {
        String newName = d.name() == null ? name : d.name().strip();
        List<String> former = new ArrayList<>(d.formerNames() == null ? formerNames : d.formerNames());
        if (!newName.equals(name) && !former.contains(name)) {
            former.add(0, name);
        }
        return new Subject(uscc, newName, former, authority, authorityName, entityKind,
                d.regionCode() == null ? regionCode : d.regionCode(), organisationCode,
                d.registrationNumber() == null ? registrationNumber : d.registrationNumber(),
                d.legalRepresentative() == null ? legalRepresentative : blankToNull(d.legalRepresentative()),
                d.registeredCapital() == null ? registeredCapital : d.registeredCapital(),
                d.establishedOn() == null ? establishedOn : d.establishedOn(),
                d.industryCode() == null ? industryCode : d.industryCode(),
                d.registeredAddress() == null ? registeredAddress : blankToNull(d.registeredAddress()),
                d.status() == null ? status : d.status(), registeredAt, now);
    }

    /** The fields of a registration or an update; on update, null means "unchanged". */
    record SubjectDetails(String name, List<String> formerNames, String regionCode, String registrationNumber,
                          String legalRepresentative, BigDecimal registeredCapital, LocalDate establishedOn, String industryCode,
                          String registeredAddress, SubjectStatus status) {
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
