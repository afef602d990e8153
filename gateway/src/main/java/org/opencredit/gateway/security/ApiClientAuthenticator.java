package org.opencredit.gateway.security;

import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/** Establishes the caller of a request routed by the gateway. */
public interface ApiClientAuthenticator {

    /**
     * @return the caller's identity, or an empty {@code Mono} when the request carries no valid
     *         credentials (the gateway then answers 401)
     */
    Mono<CallerIdentity> authenticate(ServerWebExchange exchange);
}
