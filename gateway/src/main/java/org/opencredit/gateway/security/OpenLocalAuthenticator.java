package org.opencredit.gateway.security;

import java.util.Set;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Placeholder that lets every request in as the anonymous {@code LOCAL} caller. A caller may name
 * the department it acts for in {@value #DEPARTMENT_HEADER} (local development only), so that the
 * department seam of the services can be exercised before API keys carry the department.
 *
 * <p>It exists only so that the gateway has its authentication seam before API keys do; the
 * API-key issue replaces this class with an authenticator that checks hashed keys and answers
 * 401 for a missing, unknown or revoked key. Never rely on it outside local development.
 */
@Component
class OpenLocalAuthenticator implements ApiClientAuthenticator {

    static final CallerIdentity ANONYMOUS = new CallerIdentity("anonymous", "LOCAL", Set.of(), null);
    static final String DEPARTMENT_HEADER = "X-Local-Department";

    @Override
    public Mono<CallerIdentity> authenticate(ServerWebExchange exchange) {
        String department = exchange.getRequest().getHeaders().getFirst(DEPARTMENT_HEADER);
        if (department == null || !department.matches("[A-Z][A-Z_]{1,40}")) {
            return Mono.just(ANONYMOUS);
        }
        return Mono.just(new CallerIdentity("anonymous", "LOCAL", Set.of(), department));
    }
}
