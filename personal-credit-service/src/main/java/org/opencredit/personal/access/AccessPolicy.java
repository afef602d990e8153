package org.opencredit.personal.access;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.opencredit.chassis.problem.ProblemException;
import org.opencredit.chassis.security.Caller;
import org.opencredit.contracts.security.ClientKind;
import org.opencredit.contracts.security.Purposes;
import org.springframework.http.HttpStatus;

/**
 * Purpose and consent rules for reads of personal data (DOMAIN §6): every read states a purpose
 * from {@link Purposes}; a partner also sends the person's written authorisation id and may not use
 * the purposes reserved to the office and departments.
 */
public final class AccessPolicy {

    /** The header carrying the person's written authorisation id (not X-OpenCredit-*: the gateway strips those). */
    public static final String CONSENT_HEADER = "X-Consent-Reference";
    static final Pattern CONSENT_FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{3,63}");
    /** Purposes a partner may not declare: they belong to the person's own desk, objection handling and supervision. */
    static final Set<String> NOT_FOR_PARTNERS = Set.of(Purposes.SELF_INQUIRY, Purposes.OBJECTION_HANDLING, Purposes.SUPERVISION);

    private AccessPolicy() {
    }

    /** Whether a partner may declare {@code purpose} (on the platform's list and not reserved to the office and departments). */
    public static boolean isPartnerPurpose(String purpose) {
        return Purposes.ALL.contains(purpose) && !NOT_FOR_PARTNERS.contains(purpose);
    }

    /** Whether {@code reference} has the form of a consent reference (4-64 characters, letters, digits and . _ : / -). */
    public static boolean isConsentReference(String reference) {
        return reference != null && CONSENT_FORMAT.matcher(reference).matches();
    }

    /** The refusal for this caller, or empty when the read may go ahead. */
    public static Optional<ProblemException> refusal(Caller caller, String consentReference, ReadRule rule) {
        String purpose = caller.purpose();
        if (purpose == null) {
            return Optional.of(forbidden("purpose-required", "reading personal data requires a purpose: send the X-Purpose header "
                    + "with one of " + new TreeSet<>(Purposes.ALL)).with("purposes", new TreeSet<>(Purposes.ALL)));
        }
        if (!Purposes.ALL.contains(purpose)) {
            return Optional.of(forbidden("purpose-not-allowed", "purpose '" + purpose + "' is not on the platform's list "
                    + new TreeSet<>(Purposes.ALL)).with("purpose", purpose));
        }
        if (rule == ReadRule.SELF_SERVICE) {
            if (caller.kind() != ClientKind.OFFICE || !Purposes.SELF_INQUIRY.equals(purpose)) {
                return Optional.of(forbidden("purpose-not-allowed", "a person's own report and access log are given only to the "
                        + "credit office's desk with purpose SELF_INQUIRY").with("purpose", purpose));
            }
            return Optional.empty();
        }
        if (caller.kind() == ClientKind.PARTNER) {
            if (NOT_FOR_PARTNERS.contains(purpose)) {
                return Optional.of(forbidden("purpose-not-allowed", "a partner may not read personal data for purpose '" + purpose
                        + "'; it is reserved to the credit office and departments").with("purpose", purpose));
            }
            if (consentReference == null || consentReference.isBlank()) {
                return Optional.of(forbidden("consent-required", "a partner reads personal data only with the person's written "
                        + "consent: send its reference in the " + CONSENT_HEADER + " header").with("header", CONSENT_HEADER));
            }
            if (!CONSENT_FORMAT.matcher(consentReference).matches()) {
                return Optional.of(forbidden("consent-required", "the " + CONSENT_HEADER + " header must be the consent's reference: "
                        + "4-64 characters, letters, digits and . _ : / -").with("header", CONSENT_HEADER));
            }
        }
        if (caller.kind() == ClientKind.DEPARTMENT && Purposes.SELF_INQUIRY.equals(purpose)) {
            return Optional.of(forbidden("purpose-not-allowed", "purpose SELF_INQUIRY is for the person's own desk (credit office)")
                    .with("purpose", purpose));
        }
        return Optional.empty();
    }

    /** Only the credit office may see an identity number unmasked, and only when it asks explicitly. */
    public static Optional<ProblemException> revealRefusal(Caller caller) {
        if (caller.kind() == ClientKind.OFFICE && caller.hasScope(org.opencredit.contracts.security.Scopes.PERSONS_WRITE)) {
            return Optional.empty();
        }
        return Optional.of(forbidden("reveal-not-allowed", "only the credit office (scope persons:write) may see identity numbers "
                + "unmasked; ask without reveal=true"));
    }

    static ProblemException forbidden(String slug, String detail) {
        return new ProblemException(HttpStatus.FORBIDDEN, slug, "Forbidden", detail);
    }
}
