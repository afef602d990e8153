package org.opencredit.blacklist.config;

import static org.opencredit.chassis.security.ServiceAccessRules.scope;

import org.opencredit.chassis.security.ServiceAccessRules;
import org.opencredit.contracts.security.Scopes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The scope each endpoint needs; anything not listed is denied. Beyond the scope, every step on an
 * entry needs the list type's issuing authority (its DEPARTMENT) or the credit office (OFFICE),
 * checked by the entry controller.
 */
@Configuration
class SecurityConfig {

    @Bean
    ServiceAccessRules blacklistAccessRules() {
        return exchanges -> exchanges
                // reference data, the publication feed, a subject's entries, an entry
                .pathMatchers(HttpMethod.GET, "/api/v1/lists/**", "/api/v1/measures", "/api/v1/measures/**",
                        "/api/v1/list-entries/**").access(scope(Scopes.LISTS_READ))
                // proposals and due-process steps
                .pathMatchers(HttpMethod.POST, "/api/v1/list-entries", "/api/v1/list-entries/**").access(scope(Scopes.LISTS_WRITE))
                // credit checks (scenario checks of a subject) get their own scope
                .pathMatchers("/api/v1/credit-checks", "/api/v1/credit-checks/**").access(scope(Scopes.CREDIT_CHECKS));
    }
}
