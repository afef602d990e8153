package org.opencredit.rating.config;

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
    ServiceAccessRules ratingAccessRules() {
        return exchanges -> exchanges
                .pathMatchers(HttpMethod.GET, "/api/v1/ratings/**").access(scope(Scopes.RATINGS_READ));
    }
}
