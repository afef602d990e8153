package org.opencredit.personal.consent;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.opencredit.chassis.problem.ProblemException;
import org.opencredit.chassis.security.Caller;
import org.opencredit.contracts.identifier.ResidentIdentityNumber;
import org.opencredit.contracts.security.ClientKind;
import org.opencredit.personal.access.AccessPolicy;
import org.opencredit.personal.access.Consent;
import org.opencredit.personal.access.ConsentRegister;
import org.opencredit.personal.access.PersonalDataAccess;
import org.opencredit.personal.person.PersonService;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Registers and revokes persons' written authorisations (credit office only). Each registration and
 * revocation is written to the person's access log first; if that fails, nothing changes.
 */
@Service
class ConsentService {

    static final String REGISTRATION = "consent-registration";
    static final String REVOCATION = "consent-revocation";

    private final ConsentRegister register;
    private final PersonService persons;
    private final PersonalDataAccess access;
    private final Clock clock;

    ConsentService(ConsentRegister register, PersonService persons, PersonalDataAccess access, Clock clock) {
        this.register = register;
        this.persons = persons;
        this.access = access;
        this.clock = clock;
    }

    Mono<ConsentView> register(ConsentRequests.Register request, Caller caller) {
        return Mono.defer(() -> {
            requireOffice(caller);
            LocalDate today = LocalDate.now(clock);
            validate(request, today);
            ResidentIdentityNumber id = persons.parse(request.identityNumber());
            String reference = request.reference().strip();
            return register.find(reference)
                    .flatMap(existing -> Mono.<Consent>error(exists(reference)))
                    .then(persons.findOrRegister(id, request.name()))
                    .flatMap(person -> {
                        Consent consent = new Consent(reference, person.personRef(), request.client().strip(),
                                request.purposes().stream().map(String::strip).distinct().toList(), request.validFrom(),
                                request.validUntil(), clock.instant(), caller.clientId(), null, null, null);
                        return access.logConsentChange(caller, person.personRef(), reference, REGISTRATION)
                                .then(register.insert(consent));
                    })
                    // registered concurrently under the same reference
                    .onErrorMap(DuplicateKeyException.class, e -> exists(reference))
                    .map(c -> ConsentView.of(c, today));
        });
    }

    Mono<ConsentView> revoke(String reference, String reason, Caller caller) {
        return Mono.defer(() -> {
            requireOffice(caller);
            Instant now = clock.instant();
            return register.find(reference)
                    .switchIfEmpty(Mono.error(() -> ProblemException.notFound("consent-not-found", "no consent '" + reference
                            + "' is registered")))
                    .flatMap(c -> c.revoked() ? Mono.error(revoked(reference, c.revokedAt()))
                            : access.logConsentChange(caller, c.personRef(), reference, REVOCATION)
                            .then(register.revoke(reference, caller.clientId(), reason.strip(), now))
                            // revoked concurrently between the read and the update
                            .switchIfEmpty(Mono.error(() -> revoked(reference, null))))
                    .map(c -> ConsentView.of(c, LocalDate.now(clock)));
        });
    }

    private static void validate(ConsentRequests.Register request, LocalDate today) {
        List<Map<String, String>> errors = new ArrayList<>();
        if (!AccessPolicy.isConsentReference(request.reference().strip())) {
            errors.add(error("reference", "must be 4-64 characters: letters, digits and . _ : / -"));
        }
        for (String purpose : request.purposes()) {
            if (!AccessPolicy.isPartnerPurpose(purpose.strip())) {
                errors.add(error("purposes", "'" + purpose + "' is not a purpose a partner may be authorised for; use "
                        + "ADMINISTRATIVE_LICENSING, GOVERNMENT_PROCUREMENT, SUBSIDY_REVIEW, HIRING or FINANCING"));
            }
        }
        if (request.validUntil().isBefore(request.validFrom())) {
            errors.add(error("validUntil", "must not be before validFrom (" + request.validFrom() + ")"));
        } else if (request.validUntil().isBefore(today)) {
            errors.add(error("validUntil", "must not be in the past: the consent would never be current"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("validation", "Invalid request", "fix these fields: " + errors.stream()
                    .map(e -> e.get("field") + " " + e.get("message")).reduce((a, b) -> a + "; " + b).orElse("")).with("errors", errors);
        }
    }

    private static Map<String, String> error(String field, String message) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("field", field);
        e.put("message", message);
        return e;
    }

    private static void requireOffice(Caller caller) {
        if (caller.kind() != ClientKind.OFFICE) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "office-only", "Forbidden",
                    "consents are registered and revoked by the credit office (its desk) from the person's written authorisation");
        }
    }

    private static ProblemException exists(String reference) {
        return ProblemException.conflict("consent-exists", "a consent with reference '" + reference + "' is already registered; "
                + "a changed authorisation is registered under its own reference").with("consentReference", reference);
    }

    private static ProblemException revoked(String reference, Instant at) {
        return ProblemException.conflict("consent-revoked", "consent '" + reference + "' is already revoked"
                + (at == null ? "" : " (" + at + ")")).with("consentReference", reference);
    }
}
