package org.opencredit.gateway.security;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Runs first on every routed request: drops any {@code X-OpenCredit-*} header the caller sent, so
 * nobody can forge the identity headers that services trust, authenticates the caller and forwards
 * the result as {@value #CALLER_HEADER}. A signed internal token replaces that header later.
 */
@Component
public class CallerIdentityFilter implements GlobalFilter, Ordered {

    /** Prefix reserved for headers the gateway sets; never accepted from outside. */
    public static final String RESERVED_PREFIX = "X-OpenCredit-";
    public static final String CALLER_HEADER = "X-OpenCredit-Caller";
    /** The department code a department system acts for; services check record entitlements against it. */
    public static final String DEPARTMENT_HEADER = "X-OpenCredit-Department";

    /** Before everything else, in particular before rate limiting, which keys on the caller. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    private final ApiClientAuthenticator authenticator;

    public CallerIdentityFilter(ApiClientAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest stripped = exchange.getRequest().mutate()
                .headers(headers -> headers.headerNames().stream()
                        .filter(CallerIdentityFilter::isReserved)
                        .toList() // copy: removing while iterating the live name set is unsafe
                        .forEach(headers::remove))
                .build();
        ServerWebExchange strippedExchange = exchange.mutate().request(stripped).build();

        return authenticator.authenticate(strippedExchange)
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED)))
                .flatMap(caller -> chain.filter(strippedExchange.mutate()
                        .request(r -> {
                            r.header(CALLER_HEADER, caller.clientId());
                            if (caller.department() != null) {
                                r.header(DEPARTMENT_HEADER, caller.department());
                            }
                        })
                        .build()));
    }

    static boolean isReserved(String headerName) {
        return headerName.regionMatches(true, 0, RESERVED_PREFIX, 0, RESERVED_PREFIX.length());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
