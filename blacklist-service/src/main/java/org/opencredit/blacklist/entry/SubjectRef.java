package org.opencredit.blacklist.entry;

import java.time.LocalDate;

import org.opencredit.chassis.problem.ProblemException;
import org.opencredit.contracts.identifier.ResidentIdentityNumber;
import org.opencredit.contracts.identifier.Uscc;

/**
 * A subject as the service keys it: a legal person by USCC, a natural person by the keyed pseudonym
 * of the identity number (the number itself goes no further than this class).
 *
 * @param uscc                 the USCC of a legal person, {@code null} for a person
 * @param maskedIdentityNumber the masked number of a person, {@code null} for a legal person
 */
public record SubjectRef(String id, String kind, String uscc, String maskedIdentityNumber) {

    public static final String LEGAL_PERSON = "LEGAL_PERSON";
    public static final String NATURAL_PERSON = "NATURAL_PERSON";

    /** Exactly one of the two identifiers; 400 problem+json otherwise (and for a malformed one). */
    public static SubjectRef of(String uscc, String identityNumber, PersonKeys keys, LocalDate today) {
        boolean hasUscc = uscc != null && !uscc.isBlank();
        boolean hasId = identityNumber != null && !identityNumber.isBlank();
        if (hasUscc == hasId) {
            throw ProblemException.badRequest("subject-required", "Subject required",
                    "name the subject with exactly one of uscc (a legal person) or identityNumber (a natural person)");
        }
        if (hasUscc) {
            return new SubjectRef(Uscc.parse(uscc).value(), LEGAL_PERSON, Uscc.parse(uscc).value(), null);
        }
        ResidentIdentityNumber number = ResidentIdentityNumber.parse(identityNumber, today);
        return new SubjectRef(keys.subjectOf(number), NATURAL_PERSON, null, number.masked());
    }
}
