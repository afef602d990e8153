package org.opencredit.gateway.security;

import org.opencredit.contracts.security.InternalToken;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Runs first on every routed request: removes every identity header a caller sent — the reserved
 * {@code X-OpenCredit-*} headers, {@code Authorization} and {@code X-API-Key} (an API key never
 * travels past the gateway) — and, for an authenticated caller, forwards the internal token as
 * {@code Authorization: Bearer <jwt>}. Requests without a caller (the public API documents) reach
 * the services without a token; the services accept those only for their public paths.
 */
public class CallerIdentityFilter implements GlobalFilter, Ordered {

    /** Prefix reserved for headers the gateway sets; never accepted from outside. */
    public static final String RESERVED_PREFIX = "X-OpenCredit-";
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    private final InternalTokenMinter minter;

    public CallerIdentityFilter(InternalTokenMinter minter) {
        this.minter = minter;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        CallerIdentity caller = CallerIdentity.of(exchange);
        String token = caller == null ? null
                : minter.mint(caller, exchange.getRequest().getHeaders().getFirst(InternalToken.PURPOSE_HEADER));
        ServerHttpRequest forwarded = exchange.getRequest().mutate()
                .headers(headers -> {
                    headers.headerNames().stream()
                            .filter(name -> isReserved(name) || name.equalsIgnoreCase(HttpHeaders.AUTHORIZATION)
                                    || name.equalsIgnoreCase(ApiKeyAuthenticationFilter.API_KEY_HEADER))
                            .toList() // copy: removing while iterating the live name set is unsafe
                            .forEach(headers::remove);
                    if (token != null) {
                        headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
                    }
                })
                .build();
        return chain.filter(exchange.mutate().request(forwarded).build());
    }

    static boolean isReserved(String headerName) {
        return headerName.regionMatches(true, 0, RESERVED_PREFIX, 0, RESERVED_PREFIX.length());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
