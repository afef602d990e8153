package org.opencredit.blacklist.config;

import static org.opencredit.chassis.security.ServiceAccessRules.scope;

import org.opencredit.chassis.security.ServiceAccessRules;
import org.opencredit.contracts.security.Scopes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** The scope each endpoint needs; anything not listed is denied. */
@Configuration
class SecurityConfig {

    @Bean
    ServiceAccessRules blacklistAccessRules() {
        return exchanges -> exchanges
                // lists, their entries and measures
                .pathMatchers(HttpMethod.GET, "/api/v1/lists/**").access(scope(Scopes.LISTS_READ))
                // credit checks (scenario checks of a subject) get their own scope
                .pathMatchers("/api/v1/credit-checks", "/api/v1/credit-checks/**").access(scope(Scopes.CREDIT_CHECKS));
    }
}
