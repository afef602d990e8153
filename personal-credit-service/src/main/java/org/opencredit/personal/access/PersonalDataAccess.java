package org.opencredit.personal.access;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.opencredit.chassis.problem.ProblemException;
import org.opencredit.chassis.security.Caller;
import org.opencredit.contracts.security.ClientKind;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The one way to read personal data: checks purpose and consent (for partners: a registered, current,
 * unrevoked consent for this person, client and purpose), writes the access-log entry for the person
 * (granted or denied) and only then produces the answer. If the entry cannot be written nothing is
 * returned. A refused caller learns nothing about whether the person exists. Every refusal is counted
 * by reason ({@link AccessDenials}).
 */
@Component
public class PersonalDataAccess {

    private final AccessLog accessLog;
    private final EnumerationGuard guard;
    private final ConsentRegister consents;
    private final AccessDenials denials;
    private final Clock clock;

    PersonalDataAccess(AccessLog accessLog, EnumerationGuard guard, ConsentRegister consents, AccessDenials denials, Clock clock) {
        this.accessLog = accessLog;
        this.guard = guard;
        this.consents = consents;
        this.denials = denials;
        this.clock = clock;
    }

    /** What was found for the request: the person's reference and the loaded data. */
    public record Found<T>(String personRef, T value) {
    }

    /**
     * @param data      which data the caller asks for, as the access log names it
     * @param lookup    finds the person (empty when not registered); runs for refused callers too, to log against the right person
     * @param guardKey  the key the enumeration guard counts for an unknown person (e.g. the keyed hash), never the identity number
     * @param extra     a further refusal decided by the endpoint (e.g. reveal not allowed), or empty
     * @param answer    builds the answer from what was found; subscribed only after the log entry was written
     */
    public <T, R> Mono<R> read(Caller caller, String consentReference, String data, ReadRule rule, Mono<Found<T>> lookup,
                               String guardKey, Optional<ProblemException> extra, Function<Found<T>, Mono<R>> answer) {
        return Mono.defer(() -> {
            Optional<ProblemException> refusal = Optional.ofNullable(guard.refusal(caller))
                    .or(() -> AccessPolicy.refusal(caller, consentReference, rule))
                    .or(() -> extra);
            return lookup.map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap(found -> {
                String personRef = found.map(Found::personRef).orElse(null);
                // a partner past the policy still needs a registered consent for exactly this read
                boolean consentNeeded = refusal.isEmpty() && rule == ReadRule.THIRD_PARTY && caller.kind() == ClientKind.PARTNER;
                return (consentNeeded ? consents.refusal(caller, consentReference, personRef) : Mono.just(refusal))
                        .flatMap(refused -> decide(caller, consentReference, data, guardKey, found, personRef, refused, answer));
            });
        });
    }

    private <T, R> Mono<R> decide(Caller caller, String consentReference, String data, String guardKey, Optional<Found<T>> found,
                                  String personRef, Optional<ProblemException> refusal, Function<Found<T>, Mono<R>> answer) {
        if (refusal.isPresent()) {
            String slug = slug(refusal.get());
            denials.denied(slug);
            guard.count(caller, personRef != null ? personRef : guardKey, true);
            return accessLog.write(entry(caller, consentReference, personRef, data, AccessLogEntry.DENIED, slug))
                    .then(Mono.error(refusal.get()));
        }
        guard.count(caller, personRef != null ? personRef : guardKey, false);
        if (found.isEmpty()) {
            return accessLog.write(entry(caller, consentReference, null, data, AccessLogEntry.NOT_FOUND, null))
                    .then(Mono.error(ProblemException.notFound("person-not-found",
                            "no person with this identity number or reference is registered")));
        }
        return accessLog.write(entry(caller, consentReference, personRef, data, AccessLogEntry.GRANTED, null))
                .then(Mono.defer(() -> answer.apply(found.get())));
    }

    /**
     * Logs a change to the person's consents (registration, revocation) in the person's access log; a failed
     * write fails the change it was for, so none happens unlogged.
     */
    public Mono<Void> logConsentChange(Caller caller, String personRef, String consentReference, String data) {
        return accessLog.write(entry(caller, consentReference, personRef, data, AccessLogEntry.GRANTED, null));
    }

    private AccessLogEntry entry(Caller caller, String consentReference, String personRef, String data, String outcome, String reason) {
        String consent = consentReference == null || consentReference.isBlank() ? null
                : consentReference.length() > 64 ? consentReference.substring(0, 64) : consentReference;
        return new AccessLogEntry(UUID.randomUUID().toString(), personRef, clock.instant(), caller.clientId(), caller.kind().name(),
                caller.department(), caller.purpose(), consent, data, outcome, reason);
    }

    private static String slug(ProblemException e) {
        Object type = e.toProblemDetail().getType();
        String s = String.valueOf(type);
        return s.substring(s.lastIndexOf('/') + 1);
    }
}
