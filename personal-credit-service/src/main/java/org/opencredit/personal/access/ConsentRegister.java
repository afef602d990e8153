package org.opencredit.personal.access;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.opencredit.chassis.problem.ProblemException;
import org.opencredit.chassis.security.Caller;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The register of persons' written authorisations. A partner's read goes ahead only with a registered
 * consent that is for the person read, the calling client and the declared purpose, current today and
 * not revoked; otherwise the refusal says which of these failed.
 */
@Component
public class ConsentRegister {

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;

    ConsentRegister(ReactiveMongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    public Mono<Consent> find(String reference) {
        return mongo.findById(reference, Consent.class);
    }

    /** Stores a new consent; a reference already registered fails with the store's duplicate-key error. */
    public Mono<Consent> insert(Consent consent) {
        return mongo.insert(consent);
    }

    /** Revokes the consent if it is not revoked yet; empty when it was (or does not exist). */
    public Mono<Consent> revoke(String reference, String by, String reason, Instant at) {
        return mongo.findAndModify(Query.query(where("_id").is(reference).and("revokedAt").is(null)),
                new Update().set("revokedAt", at).set("revokedBy", by).set("revocationReason", reason),
                FindAndModifyOptions.options().returnNew(true), Consent.class);
    }

    /**
     * Why this partner may not read {@code personRef} (null when the identity number is not registered: no
     * consent can be for it) under {@code reference}, or empty when a registered consent allows it. The
     * checks run in an order that tells a partner nothing about another client's consents.
     */
    Mono<Optional<ProblemException>> refusal(Caller caller, String reference, String personRef) {
        return find(reference).map(c -> Optional.ofNullable(check(c, caller, reference, personRef, LocalDate.now(clock))))
                .defaultIfEmpty(Optional.of(AccessPolicy.forbidden("consent-unknown", "consent '" + reference + "' is not in the "
                        + "register: the credit office registers the person's written authorisation before a partner reads with it")
                        .with("consentReference", reference)));
    }

    static ProblemException check(Consent c, Caller caller, String reference, String personRef, LocalDate today) {
        if (!c.client().equals(caller.clientId())) {
            return AccessPolicy.forbidden("consent-other-client", "consent '" + reference + "' authorises another API client, "
                    + "not " + caller.clientId()).with("consentReference", reference);
        }
        if (!c.personRef().equals(personRef)) {
            return AccessPolicy.forbidden("consent-other-person", "consent '" + reference + "' was given by another person than "
                    + "the one asked for").with("consentReference", reference);
        }
        if (c.revoked()) {
            return AccessPolicy.forbidden("consent-revoked", "consent '" + reference + "' was revoked on "
                    + c.revokedAt()).with("consentReference", reference).with("revokedAt", c.revokedAt().toString());
        }
        if (today.isAfter(c.validUntil())) {
            return AccessPolicy.forbidden("consent-expired", "consent '" + reference + "' was valid until " + c.validUntil())
                    .with("consentReference", reference).with("validUntil", c.validUntil().toString());
        }
        if (today.isBefore(c.validFrom())) {
            return AccessPolicy.forbidden("consent-not-yet-valid", "consent '" + reference + "' is valid from " + c.validFrom())
                    .with("consentReference", reference).with("validFrom", c.validFrom().toString());
        }
        if (!c.purposes().contains(caller.purpose())) {
            return AccessPolicy.forbidden("consent-other-purpose", "consent '" + reference + "' does not cover purpose "
                    + caller.purpose() + "; it covers " + c.purposes()).with("consentReference", reference)
                    .with("purposes", c.purposes());
        }
        return null;
    }
}
