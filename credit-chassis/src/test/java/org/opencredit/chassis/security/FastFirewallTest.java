package org.opencredit.chassis.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/** The loop predicates and the bearer converter decide exactly as Spring's regular expressions do. */
class FastFirewallTest {

    @Test
    void everyCodePointIsJudgedAsSpringsPatternsJudgeIt() {
        int disagreements = 0;
        int refused = 0;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String s = "a" + new String(Character.toChars(cp)) + "b";
            disagreements += compare(StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES, FastFirewall.ASSIGNED_NOT_CONTROL, s);
            disagreements += compare(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES, FastFirewall.HEADER_VALUE, s);
            refused += FastFirewall.HEADER_VALUE.test(s) ? 0 : 1;
        }
        assertThat(disagreements).isZero();
        // not a predicate that allows everything: controls (except tab) and unassigned code points are refused
        assertThat(refused).isGreaterThan(60_000);
        assertThat(FastFirewall.HEADER_VALUE.test("Bearer a\tb")).isTrue();
        assertThat(FastFirewall.ASSIGNED_NOT_CONTROL.test("a\tb")).isFalse();
        assertThat(FastFirewall.HEADER_VALUE.test("a\u0000b")).isFalse();
        assertThat(FastFirewall.HEADER_VALUE.test("a\u007fb")).isFalse();
        assertThat(FastFirewall.HEADER_VALUE.test("信用\u0085")).isFalse();
    }

    @Test
    void loneSurrogatesAndEmptyStringsAsSpringJudgesThem() {
        for (String s : List.of("", "\ud800", "x\udc00y", "\ud83d\ude00", "\ud83d", "\t", "\r\n", " ")) {
            assertThat(FastFirewall.HEADER_VALUE.test(s)).as(s).isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(s));
            assertThat(FastFirewall.ASSIGNED_NOT_CONTROL.test(s)).as(s).isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES.test(s));
        }
    }

    @Test
    void anAbsentHeaderIsNotRefusedAsSpringDoesNotRefuseIt() {
        assertThat(FastFirewall.HEADER_VALUE.test(null)).isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(null)).isTrue();
    }

    private static int compare(Predicate<String> spring, Predicate<String> fast, String s) {
        return spring.test(s) == fast.test(s) ? 0 : 1;
    }

    @Test
    void bearerHeadersAreReadAsSpringsConverterReadsThem() {
        List<String> headers = new ArrayList<>(List.of("Bearer abc.DEF-ghi_jkl~mno+pqr/stu", "bearer abc==", "BEARER x", "Bearer abc=d",
                "Bearer ", "Bearer", "Bearerabc", "Bearer  abc", "Bearer abc ", "Bearer ab$c", "Bearer ===", "Basic dXNlcjpwYXNz",
                "Token abc", "Bearer a.b.c", "Bearer 信用", "bEaReR eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.sig-_=="));
        for (String header : headers) {
            assertThat(outcome(new BearerTokenConverter(), header)).as(header).isEqualTo(outcome(new ServerBearerTokenAuthenticationConverter(), header));
        }
        assertThat(outcome(new BearerTokenConverter(), "Bearer abc.d==")).isEqualTo("token abc.d==");
        assertThat(outcome(new BearerTokenConverter(), "Bearer ab$c")).startsWith("error invalid_token");
        assertThat(outcome(new BearerTokenConverter(), "Basic dXNlcjpwYXNz")).isEqualTo("none");
        assertThat(outcome(new BearerTokenConverter(), (String) null)).isEqualTo("none");
    }

    @Test
    void ofTwoAuthorizationHeadersTheFirstCountsAsWithSpring() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/x")
                .header("Authorization", "Bearer a", "Bearer b"));
        String fast = outcome(new BearerTokenConverter(), exchange);
        assertThat(fast).isEqualTo(outcome(new ServerBearerTokenAuthenticationConverter(), exchange)).isEqualTo("token a");
    }

    private static String outcome(org.springframework.security.web.server.authentication.ServerAuthenticationConverter converter, String header) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/v1/x");
        if (header != null) {
            request.header("Authorization", header);
        }
        return outcome(converter, MockServerWebExchange.from(request));
    }

    private static String outcome(org.springframework.security.web.server.authentication.ServerAuthenticationConverter converter,
                                  MockServerWebExchange exchange) {
        try {
            Authentication a = converter.convert(exchange).block();
            return a == null ? "none" : "token " + ((BearerTokenAuthenticationToken) a).getToken();
        } catch (OAuth2AuthenticationException e) {
            return "error " + e.getError().getErrorCode();
        }
    }
}
