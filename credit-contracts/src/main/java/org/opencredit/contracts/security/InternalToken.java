package org.opencredit.contracts.security;

import java.time.Duration;

/**
 * The internal token the gateway mints for every request it forwards and every service verifies:
 * a JWT signed with ES256 (P-256), {@code kid} in the header naming the signing key.
 *
 * <p>Keys: the gateway holds a JWK set with private keys ({@value #SIGNING_JWKS_PROPERTY}; the
 * first key signs), the services the public half ({@value #VERIFICATION_JWKS_PROPERTY}; current
 * and previous key during a rotation). Both come from the environment, never from the repository.
 */
public final class InternalToken {

    public static final String ISSUER = "opencredit-gateway";
    public static final String AUDIENCE = "opencredit-services";
    /** How long a minted token is valid; the gateway reuses one for at most half of it. */
    public static final Duration LIFETIME = Duration.ofSeconds(60);

    /** Claim: the client kind, one of {@link ClientKind}. {@code sub} is the client id. */
    public static final String KIND = "client_kind";
    /** Claim: the department code of a DEPARTMENT client; absent for other kinds. */
    public static final String DEPARTMENT = "department";
    /** Claim: space-separated scopes, see {@link Scopes}. */
    public static final String SCOPE = "scope";
    /** Claim: the purpose the caller declared for this request, see {@link Purposes}; absent when none. */
    public static final String PURPOSE = "purpose";

    /** Request header in which a caller declares the purpose of a read (personal data needs one). */
    public static final String PURPOSE_HEADER = "X-Purpose";

    /** Gateway property (env OPENCREDIT_TOKEN_SIGNING_JWKS): JWK set JSON with EC private keys, first signs. */
    public static final String SIGNING_JWKS_PROPERTY = "opencredit.security.token.signing-jwks";
    /** Service property (env OPENCREDIT_TOKEN_VERIFICATION_JWKS): JWK set JSON with the EC public keys accepted. */
    public static final String VERIFICATION_JWKS_PROPERTY = "opencredit.security.token.verification-jwks";

    private InternalToken() {
    }
}
