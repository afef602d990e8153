package org.opencredit.gateway.security;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.opencredit.contracts.security.InternalToken;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Mints the internal token (see {@link InternalToken}) that tells a service who is calling. The
 * first key of the signing JWK set signs; the others are previous keys kept only so that their
 * public halves can be published during a rotation. A token is reused for the same client,
 * client revision and purpose for half its lifetime, so signing costs one ECDSA operation per
 * client every 30 s instead of one per request.
 */
public class InternalTokenMinter {

    private record Cached(String token, Instant reuseUntil) {
    }

    private final ECKey signingKey;
    private final ECDSASigner signer;
    private final JWKSet publicKeys;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public InternalTokenMinter(String signingJwks, Clock clock) {
        if (signingJwks == null || signingJwks.isBlank()) {
            throw new IllegalStateException("the internal token signing keys are not configured: set OPENCREDIT_TOKEN_SIGNING_JWKS "
                    + "(property " + InternalToken.SIGNING_JWKS_PROPERTY + ") to a JWK set of EC P-256 private keys; "
                    + "the local platform generates one under its data folder");
        }
        try {
            List<JWK> keys = JWKSet.parse(signingJwks).getKeys();
            if (keys.isEmpty() || !(keys.get(0) instanceof ECKey ec) || !ec.isPrivate() || !Curve.P_256.equals(ec.getCurve())
                    || ec.getKeyID() == null) {
                throw new IllegalStateException(InternalToken.SIGNING_JWKS_PROPERTY
                        + ": the first key must be an EC P-256 private key with a kid");
            }
            this.signingKey = ec;
            this.signer = new ECDSASigner(ec);
            this.publicKeys = new JWKSet(keys.stream().map(JWK::toPublicJWK).toList());
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException(InternalToken.SIGNING_JWKS_PROPERTY + " is not a valid JWK set: " + e.getMessage(), e);
        }
        this.clock = clock;
    }

    /** The public keys (current first) that services must accept. */
    public JWKSet publicKeys() {
        return publicKeys;
    }

    public String mint(CallerIdentity caller, String purpose) {
        Instant now = clock.instant();
        String cacheKey = caller.clientId() + "\u0000" + caller.revision() + "\u0000" + purpose;
        Cached cached = cache.get(cacheKey);
        if (cached != null && now.isBefore(cached.reuseUntil())) {
            return cached.token();
        }
        if (cache.size() > 10_000) {
            cache.clear();
        }
        String token = sign(caller, purpose, now);
        cache.put(cacheKey, new Cached(token, now.plus(InternalToken.LIFETIME.dividedBy(2))));
        return token;
    }

    private String sign(CallerIdentity caller, String purpose, Instant now) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(InternalToken.ISSUER)
                .audience(InternalToken.AUDIENCE)
                .subject(caller.clientId())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(1)))
                .expirationTime(Date.from(now.plus(InternalToken.LIFETIME)))
                .claim(InternalToken.KIND, caller.kind().name())
                .claim(InternalToken.SCOPE, String.join(" ", new TreeSet<>(caller.scopes())));
        if (caller.department() != null) {
            claims.claim(InternalToken.DEPARTMENT, caller.department());
        }
        if (purpose != null) {
            claims.claim(InternalToken.PURPOSE, purpose);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(signingKey.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign the internal token", e);
        }
        return jwt.serialize();
    }
}
