package org.opencredit.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;

import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class CallerIdentityFilterTest {

    private final AtomicReference<HttpHeaders> forwarded = new AtomicReference<>();

    @Test
    void stripsReservedHeadersWhateverTheirCaseAndKeepsOthers() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/ratings/x")
                .header("X-OpenCredit-Caller", "office-admin")
                .header("x-opencredit-department", "350100-tax")
                .header("X-OPENCREDIT-SCOPES", "records:write")
                .header("Accept", "application/json")
                .header("X-Request-Id", "r-1"));

        new CallerIdentityFilter(new OpenLocalAuthenticator()).filter(exchange, this::capture).block();

        HttpHeaders headers = forwarded.get();
        assertThat(headers.headerNames()).filteredOn(CallerIdentityFilter::isReserved)
                .containsExactly(CallerIdentityFilter.CALLER_HEADER);
        assertThat(headers.get(CallerIdentityFilter.CALLER_HEADER)).containsExactly("anonymous");
        assertThat(headers.getFirst("Accept")).isEqualTo("application/json");
        assertThat(headers.getFirst("X-Request-Id")).isEqualTo("r-1");
    }

    @Test
    void forwardsTheClientIdTheAuthenticatorEstablished() {
        ApiClientAuthenticator department = exchange ->
                Mono.just(new CallerIdentity("tax-bureau", "DEPARTMENT", java.util.Set.of("records:write"), "350100-tax"));
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/enterprises"));

        new CallerIdentityFilter(department).filter(exchange, this::capture).block();

        assertThat(forwarded.get().get(CallerIdentityFilter.CALLER_HEADER)).containsExactly("tax-bureau");
        assertThat(forwarded.get().get(CallerIdentityFilter.DEPARTMENT_HEADER)).containsExactly("350100-tax");
    }

    @Test
    void locallyADepartmentIsTakenFromTheDevelopmentHeaderNeverFromTheReservedOne() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/records")
                .header("X-Local-Department", "MARKET_SUPERVISION")
                .header("X-OpenCredit-Department", "COURT"));

        new CallerIdentityFilter(new OpenLocalAuthenticator()).filter(exchange, this::capture).block();

        assertThat(forwarded.get().get(CallerIdentityFilter.DEPARTMENT_HEADER)).containsExactly("MARKET_SUPERVISION");
    }

    @Test
    void aMalformedDevelopmentDepartmentIsIgnored() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/records")
                .header("X-Local-Department", "tax; DROP"));

        new CallerIdentityFilter(new OpenLocalAuthenticator()).filter(exchange, this::capture).block();

        assertThat(forwarded.get().get(CallerIdentityFilter.DEPARTMENT_HEADER)).isNull();
    }

    @Test
    void rejectsTheRequestWhenNoCallerIsEstablished() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/enterprises"));

        StepVerifier.create(new CallerIdentityFilter(e -> Mono.empty()).filter(exchange, this::capture))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(ResponseStatusException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED)))
                .verify();
        assertThat(forwarded.get()).as("the request must not be routed").isNull();
    }

    private Mono<Void> capture(org.springframework.web.server.ServerWebExchange exchange) {
        forwarded.set(exchange.getRequest().getHeaders());
        return Mono.empty();
    }
}
