package org.opencredit.chassis.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.opencredit.contracts.security.ClientKind;
import org.opencredit.contracts.security.InternalToken;
import org.opencredit.contracts.security.Scopes;
import org.opencredit.testkit.TestTokens;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;

class InternalTokenDecoderTest {

    final InternalTokenDecoder decoder = InternalTokenDecoder.fromJwks(TestTokens.verificationJwks());

    Jwt decode(String jwt) {
        return decoder.decode(jwt).block();
    }

    void rejects(String jwt, String because) {
        assertThatThrownBy(() -> decode(jwt)).isInstanceOf(JwtException.class).hasMessageContaining(because);
    }

    @Test
    void acceptsATokenOfTheCurrentKeyAndReadsTheCaller() {
        Jwt jwt = decode(TestTokens.token().clientId("tax-bureau").kind(ClientKind.DEPARTMENT).department("TAX")
                .purpose("SUPERVISION").scopes(Scopes.RECORDS_WRITE, Scopes.ENTERPRISES_READ).jwt());
        assertThat(Caller.of(jwt)).isEqualTo(new Caller("tax-bureau", ClientKind.DEPARTMENT, "TAX",
                java.util.Set.of(Scopes.RECORDS_WRITE, Scopes.ENTERPRISES_READ), "SUPERVISION"));
    }

    @Test
    void acceptsATokenOfThePreviousKeyDuringARotation() {
        assertThat(decoder.keyIds()).containsExactlyInAnyOrder(TestTokens.CURRENT_KID, TestTokens.PREVIOUS_KID);
        assertThat(decode(TestTokens.token().signedWithPreviousKey().jwt()).getSubject()).isEqualTo("test-client");
    }

    @Test
    void rejectsTokensOfUnknownKeysAndForgedKeyIds() {
        rejects(TestTokens.token().signedWithUnknownKey().jwt(), "no matching key");
        rejects(TestTokens.token().forgedUnderCurrentKid().jwt(), "Invalid signature");
    }

    @Test
    void rejectsExpiredTokensOtherIssuersAndAudiencesAndUnknownKinds() {
        rejects(TestTokens.token().expired(Duration.ofSeconds(30)).jwt(), "expired");
        rejects(TestTokens.token().issuer("someone-else").jwt(), "iss");
        rejects(TestTokens.token().audience("another-platform").jwt(), "aud");
        rejects(TestTokens.token().kind(null).jwt(), InternalToken.KIND);
    }

    @Test
    void allowsAFewSecondsOfClockSkewOnly() {
        assertThat(decode(TestTokens.token().expired(Duration.ofSeconds(2)).jwt())).isNotNull();
        rejects(TestTokens.token().expired(Duration.ofSeconds(InternalTokenDecoder.CLOCK_SKEW_SECONDS + 3)).jwt(), "expired");
    }

    @Test
    void rejectsUnsignedTokensAndOtherAlgorithms() {
        String signed = TestTokens.token().jwt();
        String claims = signed.split("\\.")[1];
        String none = b64("{\"alg\":\"none\"}") + "." + claims + ".";
        assertThatThrownBy(() -> decode(none)).isInstanceOf(JwtException.class);
        // an HMAC header over the same claims: a verifier that trusted the header could be fooled with a public key as secret
        String hs256 = b64("{\"alg\":\"HS256\",\"kid\":\"" + TestTokens.CURRENT_KID + "\"}") + "." + claims + "." + b64("sig");
        assertThatThrownBy(() -> decode(hs256)).isInstanceOf(JwtException.class);
    }

    @Test
    void aRepeatedTokenIsVerifiedOnceAndServedFromTheCache() {
        String jwt = TestTokens.token().jwt();
        assertThat(decode(jwt)).isSameAs(decode(jwt));
    }

    @Test
    void refusesToStartWithoutKeysNamingTheEnvironmentVariable() {
        assertThatThrownBy(() -> InternalTokenDecoder.fromJwks(null)).hasMessageContaining("OPENCREDIT_TOKEN_VERIFICATION_JWKS")
                .hasMessageContaining("is not set");
        assertThatThrownBy(() -> InternalTokenDecoder.fromJwks("{not json")).hasMessageContaining("OPENCREDIT_TOKEN_VERIFICATION_JWKS")
                .hasMessageContaining("not a JWK set");
        assertThatThrownBy(() -> InternalTokenDecoder.fromJwks("{\"keys\":[]}")).hasMessageContaining("holds no key");
        assertThatThrownBy(() -> InternalTokenDecoder.fromJwks("{\"keys\":[{\"kty\":\"oct\",\"kid\":\"k\",\"k\":\"c2VjcmV0\"}]}"))
                .hasMessageContaining("not an EC P-256 key");
    }

    @Test
    void keepsOnlyThePublicHalfOfKeysGivenWithTheirPrivatePart() {
        InternalTokenDecoder fromPrivate = InternalTokenDecoder.fromJwks(TestTokens.signingJwks());
        assertThat(fromPrivate.decode(TestTokens.token().jwt()).block()).isNotNull();
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
