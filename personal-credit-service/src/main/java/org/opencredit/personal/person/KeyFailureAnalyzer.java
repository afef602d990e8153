package org.opencredit.personal.person;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A start without the identity-number keys ends with Boot's short report naming the variable, not a stack trace. */
final class KeyFailureAnalyzer extends AbstractFailureAnalyzer<MissingKeyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingKeyException cause) {
        String value = cause.variable().equals(PersonPseudonyms.PEPPER_VARIABLE)
                ? "the same value blacklist-service has (at least 32 characters; the local platform's `secrets` command prints one). "
                : "base64 of 32 random bytes (e.g. `openssl rand -base64 32`). ";
        return new FailureAnalysis(cause.getMessage(),
                "Set the environment variable " + cause.variable() + " to " + value
                        + "For a throwaway local run only, set opencredit.personal.keys.generate-if-missing=true "
                        + "(OPENCREDIT_PERSONAL_KEYS_GENERATE_IF_MISSING=true).", cause);
    }
}
