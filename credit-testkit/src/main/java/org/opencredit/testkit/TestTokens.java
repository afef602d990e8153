package org.opencredit.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.opencredit.contracts.security.ClientKind;
import org.opencredit.contracts.security.InternalToken;

/**
 * Internal tokens signed the way the gateway signs them ({@link InternalToken}: ES256, {@code kid},
 * issuer, audience, 60 s lifetime), for service tests. The keys are generated once per JVM: a
 * current one ({@value #CURRENT_KID}) and a previous one ({@value #PREVIOUS_KID}) that services
 * accept as during a rotation, plus one no service knows. {@link CreditInfrastructure} hands the
 * public keys to every service under test; the extension must be registered for tokens to verify.
 *
 * <pre>{@code
 * http.post().uri("/api/v1/records")
 *     .header("Authorization", TestTokens.department("TAX", Scopes.RECORDS_WRITE)) ...
 * }</pre>
 */
public final class TestTokens {

    public static final String CURRENT_KID = "test-1";
    public static final String PREVIOUS_KID = "test-0";
    public static final String UNKNOWN_KID = "test-unknown";

    private static final ECKey CURRENT = generate(CURRENT_KID);
    private static final ECKey PREVIOUS = generate(PREVIOUS_KID);
    private static final ECKey UNKNOWN = generate(UNKNOWN_KID);

    private TestTokens() {
    }

    /** The public JWK set services verify with (property {@value InternalToken#VERIFICATION_JWKS_PROPERTY}): current and previous key. */
    public static String verificationJwks() {
        return new JWKSet(List.of(CURRENT.toPublicJWK(), PREVIOUS.toPublicJWK())).toString();
    }

    /** The private JWK set a gateway under test signs with (property {@value InternalToken#SIGNING_JWKS_PROPERTY}): current key first. */
    public static String signingJwks() {
        return new JWKSet(List.of(CURRENT, PREVIOUS)).toString(false);
    }

    /** {@code Bearer <token>} of a DEPARTMENT client of {@code department} with {@code scopes}. */
    public static String department(String department, String... scopes) {
        return token().clientId("dept-" + department.toLowerCase(Locale.ROOT)).kind(ClientKind.DEPARTMENT)
                .department(department).scopes(scopes).bearer();
    }

    /** {@code Bearer <token>} of a PARTNER client (a licensed credit agency) with {@code scopes}. */
    public static String partner(String... scopes) {
        return token().clientId("partner-test").kind(ClientKind.PARTNER).scopes(scopes).bearer();
    }

    /** {@code Bearer <token>} of the credit office with {@code scopes}. */
    public static String office(String... scopes) {
        return token().clientId("office-test").kind(ClientKind.OFFICE).scopes(scopes).bearer();
    }

    /** {@code Bearer <token>} with every claim given; {@code department} and {@code purpose} may be {@code null}. */
    public static String client(String clientId, ClientKind kind, String department, String purpose, String... scopes) {
        return token().clientId(clientId).kind(kind).department(department).purpose(purpose).scopes(scopes).bearer();
    }

    /** A token to shape claim by claim, e.g. expired, for another audience or signed with an unknown key. */
    public static Token token() {
        return new Token();
    }

    /** A token being built; valid for 60 s from now, signed with the current key, until told otherwise. */
    public static final class Token {
        private String clientId = "test-client";
        private ClientKind kind = ClientKind.PARTNER;
        private String department;
        private String purpose;
        private List<String> scopes = List.of();
        private String issuer = InternalToken.ISSUER;
        private String audience = InternalToken.AUDIENCE;
        private Instant issuedAt = Instant.now();
        private Instant expiresAt = issuedAt.plus(InternalToken.LIFETIME);
        private ECKey key = CURRENT;
        private String kid = CURRENT_KID;

        private Token() {
        }

        public Token clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        public Token kind(ClientKind kind) {
            this.kind = kind;
            return this;
        }

        public Token department(String department) {
            this.department = department;
            return this;
        }

        public Token purpose(String purpose) {
            this.purpose = purpose;
            return this;
        }

        public Token scopes(String... scopes) {
            this.scopes = List.of(scopes);
            return this;
        }

        public Token issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Token audience(String audience) {
            this.audience = audience;
            return this;
        }

        /** Expired {@code ago} ago (and issued a lifetime before that). */
        public Token expired(Duration ago) {
            this.expiresAt = Instant.now().minus(ago);
            this.issuedAt = expiresAt.minus(InternalToken.LIFETIME);
            return this;
        }

        /** Signed with the previous key, which services still accept during a rotation. */
        public Token signedWithPreviousKey() {
            this.key = PREVIOUS;
            this.kid = PREVIOUS_KID;
            return this;
        }

        /** Signed with a key no service knows. */
        public Token signedWithUnknownKey() {
            this.key = UNKNOWN;
            this.kid = UNKNOWN_KID;
            return this;
        }

        /** Signed with a key no service knows but claiming, in its header, to be signed with the current one. */
        public Token forgedUnderCurrentKid() {
            this.key = UNKNOWN;
            this.kid = CURRENT_KID;
            return this;
        }

        /** The compact JWT. */
        public String jwt() {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                    .issuer(issuer)
                    .audience(audience)
                    .subject(clientId)
                    .issueTime(Date.from(issuedAt))
                    .expirationTime(Date.from(expiresAt))
                    .jwtID(UUID.randomUUID().toString())
                    .claim(InternalToken.KIND, kind == null ? null : kind.name())
                    .claim(InternalToken.SCOPE, String.join(" ", new ArrayList<>(scopes)));
            if (department != null) {
                claims.claim(InternalToken.DEPARTMENT, department);
            }
            if (purpose != null) {
                claims.claim(InternalToken.PURPOSE, purpose);
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).type(JOSEObjectType.JWT).build(),
                    claims.build());
            try {
                jwt.sign(new ECDSASigner(key));
            } catch (JOSEException e) {
                throw new IllegalStateException("cannot sign a test token", e);
            }
            return jwt.serialize();
        }

        /** The {@code Authorization} header value: {@code Bearer <jwt>}. */
        public String bearer() {
            return "Bearer " + jwt();
        }
    }

    private static ECKey generate(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a P-256 test key", e);
        }
    }
}
