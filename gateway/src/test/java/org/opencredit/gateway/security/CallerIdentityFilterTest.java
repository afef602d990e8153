package org.opencredit.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.opencredit.contracts.security.ClientKind;
import org.opencredit.contracts.security.InternalToken;
import org.opencredit.gateway.client.ApiClient;
import org.opencredit.testkit.TestTokens;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;

import reactor.core.publisher.Mono;

class CallerIdentityFilterTest {

    static final CallerIdentity TAX = new CallerIdentity("tax-bureau", ClientKind.DEPARTMENT, Set.of("records:write", "enterprises:read"),
            "TAX", "abcdefghij", 3, new ApiClient.Limits(10, 20, 1000));

    private final AtomicReference<HttpHeaders> forwarded = new AtomicReference<>();
    private final Clock clock = Clock.fixed(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), ZoneOffset.UTC);
    private final InternalTokenMinter minter = new InternalTokenMinter(TestTokens.signingJwks(), clock);

    @Test
    void stripsReservedAndCredentialHeadersWhateverTheirCaseAndKeepsOthers() {
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/api/v1/ratings/x")
                .header("X-OpenCredit-Caller", "office-admin")
                .header("x-opencredit-department", "350100-tax")
                .header("X-API-Key", "ock_secret")
                .header("authorization", "ApiKey ock_secret")
                .header("Accept", "application/json")
                .header("X-Request-Id", "r-1"), TAX);

        new CallerIdentityFilter(minter).filter(exchange, this::capture).block();

        HttpHeaders headers = forwarded.get();
        assertThat(headers.headerNames()).filteredOn(CallerIdentityFilter::isReserved).isEmpty();
        assertThat(headers.get("X-API-Key")).isNull();
        assertThat(headers.get(HttpHeaders.AUTHORIZATION)).singleElement().asString().startsWith("Bearer ");
        assertThat(headers.getFirst("Accept")).isEqualTo("application/json");
        assertThat(headers.getFirst("X-Request-Id")).isEqualTo("r-1");
    }

    @Test
    void forwardsASignedTokenNamingClientKindDepartmentScopesAndPurpose() throws Exception {
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/api/v1/enterprises")
                .header(InternalToken.PURPOSE_HEADER, "SUPERVISION"), TAX);

        new CallerIdentityFilter(minter).filter(exchange, this::capture).block();

        SignedJWT jwt = SignedJWT.parse(forwarded.get().getFirst(HttpHeaders.AUTHORIZATION).substring(7));
        ECKey current = (ECKey) JWKSet.parse(TestTokens.verificationJwks()).getKeyByKeyId(TestTokens.CURRENT_KID);
        assertThat(jwt.verify(new ECDSAVerifier(current))).isTrue();
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(TestTokens.CURRENT_KID);
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("tax-bureau");
        assertThat(claims.getIssuer()).isEqualTo(InternalToken.ISSUER);
        assertThat(claims.getAudience()).containsExactly(InternalToken.AUDIENCE);
        assertThat(claims.getStringClaim(InternalToken.KIND)).isEqualTo("DEPARTMENT");
        assertThat(claims.getStringClaim(InternalToken.DEPARTMENT)).isEqualTo("TAX");
        assertThat(claims.getStringClaim(InternalToken.SCOPE)).isEqualTo("enterprises:read records:write");
        assertThat(claims.getStringClaim(InternalToken.PURPOSE)).isEqualTo("SUPERVISION");
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(clock.instant().plus(InternalToken.LIFETIME)));
    }

    @Test
    void reusesATokenForHalfItsLifetimeButNotAcrossPurposesOrClientRevisions() {
        String first = minter.mint(TAX, null);
        assertThat(minter.mint(TAX, null)).isSameAs(first);
        assertThat(minter.mint(TAX, "HIRING")).isNotEqualTo(first);
        CallerIdentity changed = new CallerIdentity(TAX.clientId(), TAX.kind(), Set.of("enterprises:read"), TAX.department(),
                TAX.keyPrefix(), TAX.revision() + 1, TAX.limits());
        assertThat(minter.mint(changed, null)).isNotEqualTo(first);

        InternalTokenMinter later = new InternalTokenMinter(TestTokens.signingJwks(),
                Clock.offset(clock, InternalToken.LIFETIME.dividedBy(2)));
        assertThat(later.mint(TAX, null)).isNotEqualTo(first);
    }

    @Test
    void anUnauthenticatedRequestGoesOnWithoutAnyToken() {
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/v3/api-docs/rating-service")
                .header("Authorization", "Bearer forged"), null);

        new CallerIdentityFilter(minter).filter(exchange, this::capture).block();

        assertThat(forwarded.get().get(HttpHeaders.AUTHORIZATION)).isNull();
    }

    @Test
    void refusesSigningKeysThatAreNotEcP256Private() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new InternalTokenMinter(TestTokens.verificationJwks(), clock))
                .hasMessageContaining("private");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new InternalTokenMinter("", clock))
                .hasMessageContaining("OPENCREDIT_TOKEN_SIGNING_JWKS");
    }

    private static MockServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request, CallerIdentity caller) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        if (caller != null) {
            exchange.getAttributes().put(CallerIdentity.ATTRIBUTE, caller);
        }
        return exchange;
    }

    private Mono<Void> capture(org.springframework.web.server.ServerWebExchange exchange) {
        forwarded.set(exchange.getRequest().getHeaders());
        return Mono.empty();
    }
}
