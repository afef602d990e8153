package org.opencredit.chassis.security;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.opencredit.contracts.security.ClientKind;
import org.opencredit.contracts.security.InternalToken;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Verifies the gateway's internal token ({@link InternalToken}): ES256 only, signed by one of the
 * configured public keys under its {@code kid} (several keys during a rotation), issuer, audience,
 * expiry with {@value #CLOCK_SKEW_SECONDS} s skew, a subject and a known client kind.
 *
 * <p>The gateway reuses a token for many requests, so verified tokens are kept (bounded) until they
 * expire and a repeated token costs a map lookup instead of an ECDSA verification. Verification
 * itself needs no I/O (the keys are in memory), so it runs on the calling thread.
 */
public final class InternalTokenDecoder implements ReactiveJwtDecoder {

    static final long CLOCK_SKEW_SECONDS = 5;
    static final int CACHE_SIZE = 10_000;
    private static final String ENV = "OPENCREDIT_TOKEN_VERIFICATION_JWKS";

    private final NimbusJwtDecoder verifier;
    private final Cache<String, Jwt> verified;
    private final Set<String> keyIds;

    private InternalTokenDecoder(JWKSet keys, Clock clock) {
        this.keyIds = Set.copyOf(keys.getKeys().stream().map(JWK::getKeyID).toList());
        JWSVerificationKeySelector<SecurityContext> byKid =
                new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(keys));
        // a token must name its key: without a kid Nimbus would try every key
        JWSKeySelector<SecurityContext> selector = (header, context) ->
                header.getKeyID() == null ? List.of() : byKid.selectJWSKeys(header, context);
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(selector);
        // the claims are checked by the validators below, with our skew
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        this.verifier = new NimbusJwtDecoder(processor);
        this.verifier.setJwtValidator(validator(clock));
        this.verified = Caffeine.newBuilder()
                .maximumSize(CACHE_SIZE)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> remaining(jwt, clock)))
                .build();
    }

    /**
     * A decoder accepting tokens signed by the keys of {@code jwks}, the JWK set JSON of property
     * {@value InternalToken#VERIFICATION_JWKS_PROPERTY}.
     *
     * @throws TokenKeysException naming the environment variable when the set is missing, unreadable or holds no usable key
     */
    public static InternalTokenDecoder fromJwks(String jwks) {
        return fromJwks(jwks, Clock.systemUTC());
    }

    static InternalTokenDecoder fromJwks(String jwks, Clock clock) {
        return new InternalTokenDecoder(publicKeys(jwks), clock);
    }

    /** The ids of the keys this decoder accepts. */
    public Set<String> keyIds() {
        return keyIds;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        return Mono.fromCallable(() -> {
            Jwt jwt = verified.getIfPresent(token);
            if (jwt == null) {
                jwt = verifier.decode(token);
                verified.put(token, jwt);
            }
            return jwt;
        });
    }

    private static JWKSet publicKeys(String jwks) {
        String what = InternalToken.VERIFICATION_JWKS_PROPERTY + " (environment variable " + ENV + ")";
        if (jwks == null || jwks.isBlank()) {
            throw new TokenKeysException(what + " is not set: give the service the gateway's public token keys as a JWK set, "
                    + "e.g. {\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"...\",\"x\":\"...\",\"y\":\"...\"}]}; "
                    + "without them it cannot verify any request");
        }
        JWKSet set;
        try {
            set = JWKSet.parse(jwks);
        } catch (ParseException e) {
            throw new TokenKeysException(what + " is not a JWK set: " + e.getMessage(), e);
        }
        List<JWK> keys = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JWK key : set.getKeys()) {
            if (!(key instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
                throw new TokenKeysException(what + ": key " + key.getKeyID() + " is not an EC P-256 key; internal tokens are ES256");
            }
            if (key.getKeyID() == null || !ids.add(key.getKeyID())) {
                throw new TokenKeysException(what + ": every key needs its own kid");
            }
            // a service needs only the public half, even if it was given more
            keys.add(ec.toPublicJWK());
        }
        if (keys.isEmpty()) {
            throw new TokenKeysException(what + " holds no key");
        }
        return new JWKSet(keys);
    }

    private static OAuth2TokenValidator<Jwt> validator(Clock clock) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ofSeconds(CLOCK_SKEW_SECONDS));
        timestamps.setClock(clock);
        timestamps.setAllowEmptyExpiryClaim(false);
        return new DelegatingOAuth2TokenValidator<>(
                timestamps,
                new JwtIssuerValidator(InternalToken.ISSUER),
                new JwtAudienceValidator(InternalToken.AUDIENCE),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && !sub.isBlank()),
                new JwtClaimValidator<Object>(InternalToken.KIND, InternalTokenDecoder::knownKind));
    }

    private static boolean knownKind(Object kind) {
        if (kind == null) {
            return false;
        }
        for (ClientKind k : ClientKind.values()) {
            if (k.name().equals(kind.toString())) {
                return true;
            }
        }
        return false;
    }

    private static Duration remaining(Jwt jwt, Clock clock) {
        Instant expires = Objects.requireNonNull(jwt.getExpiresAt(), "verified tokens have an expiry");
        Duration left = Duration.between(clock.instant(), expires);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
