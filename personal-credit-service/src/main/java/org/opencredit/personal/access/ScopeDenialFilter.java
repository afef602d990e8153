package org.opencredit.personal.access;

import org.opencredit.chassis.security.SecurityProblems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Counts the security layer's refusals of personal-data endpoints for a missing scope (reason {@code scope}
 * of {@link AccessDenials}): they are answered before any handler, so the access layer never sees them.
 * Runs around the security filter chain and recognises them by the required scope the chassis leaves on
 * the exchange.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ScopeDenialFilter implements WebFilter {

    /** Where the chassis's scope rule leaves the scope a refused request lacked (see {@code ServiceAccessRules.scope}). */
    static final String REQUIRED_SCOPE_ATTRIBUTE = SecurityProblems.class.getName() + ".requiredScope";

    private final AccessDenials denials;

    ScopeDenialFilter(AccessDenials denials) {
        this.denials = denials;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return chain.filter(exchange).doOnSuccess(done -> {
            String path = exchange.getRequest().getPath().pathWithinApplication().value();
            if (HttpStatus.FORBIDDEN.equals(exchange.getResponse().getStatusCode()) && exchange.getAttribute(REQUIRED_SCOPE_ATTRIBUTE) != null
                    && (path.startsWith("/api/v1/persons") || path.startsWith("/api/v1/person-records"))) {
                denials.deniedForScope();
            }
        });
    }
}
