package org.opencredit.gateway.security;

import java.util.Set;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Placeholder that lets every request in as the anonymous {@code LOCAL} caller.
 *
 * <p>It exists only so that the gateway has its authentication seam before API keys do; the
 * API-key issue replaces this class with an authenticator that checks hashed keys and answers
 * 401 for a missing, unknown or revoked key. Never rely on it outside local development.
 */
@Component
class OpenLocalAuthenticator implements ApiClientAuthenticator {

    static final CallerIdentity ANONYMOUS = new CallerIdentity("anonymous", "LOCAL", Set.of(), null);

    @Override
    public Mono<CallerIdentity> authenticate(ServerWebExchange exchange) {
        return Mono.just(ANONYMOUS);
    }
}
