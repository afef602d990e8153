package org.opencredit.chassis.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a start without token keys into Boot's short "APPLICATION FAILED TO START" report instead of a long stack trace. */
final class TokenKeysFailureAnalyzer extends AbstractFailureAnalyzer<TokenKeysException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TokenKeysException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set the environment variable OPENCREDIT_TOKEN_VERIFICATION_JWKS (property opencredit.security.token.verification-jwks) "
                        + "to the JWK set with the public half of the gateway's token signing keys.", cause);
    }
}
