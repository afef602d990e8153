package org.opencredit.chassis.security;

import org.opencredit.contracts.security.Scopes;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;

/**
 * A service's access rules: which scope each path and method needs. Every service declares one bean;
 * the chassis applies it after the public endpoints (health, API documents) and denies everything
 * it does not match. Write rules with {@link #scope(String)} so a 403 names the missing scope:
 * <pre>{@code
 * exchanges.pathMatchers(HttpMethod.GET, "/api/v1/ratings/**").access(ServiceAccessRules.scope(Scopes.RATINGS_READ));
 * }</pre>
 */
@FunctionalInterface
public interface ServiceAccessRules {

    /** Adds this service's rules; more specific paths first, the first matching rule decides. */
    void authorize(ServerHttpSecurity.AuthorizeExchangeSpec exchanges);

    /**
     * Grants the request if the verified caller holds {@code scope} (authority {@code SCOPE_<scope>});
     * otherwise leaves the scope on the exchange for the 403 problem's detail.
     */
    static ReactiveAuthorizationManager<AuthorizationContext> scope(String scope) {
        String authority = Scopes.authority(scope);
        return (authentication, context) -> authentication
                .filter(Authentication::isAuthenticated)
                .map(a -> a.getAuthorities().stream().anyMatch(g -> authority.equals(g.getAuthority())))
                .defaultIfEmpty(false)
                .<AuthorizationResult>map(granted -> {
                    if (!granted) {
                        context.getExchange().getAttributes().put(SecurityProblems.REQUIRED_SCOPE_ATTRIBUTE, scope);
                    }
                    return new AuthorizationDecision(granted);
                });
    }
}
