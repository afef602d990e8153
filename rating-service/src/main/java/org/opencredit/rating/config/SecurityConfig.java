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
                .pathMatchers(HttpMethod.GET, "/api/v1/ratings/**").access(scope(Scopes.RATINGS_READ))
                // the person (through the credit office desk) or the deciding department asks; the office concludes (checked in the controller)
                .pathMatchers(HttpMethod.POST, "/api/v1/ratings/*/review-requests").access(scope(Scopes.RATINGS_READ))
                .pathMatchers(HttpMethod.POST, "/api/v1/ratings/*/review-requests/current/conclusion").access(scope(Scopes.RATINGS_ADMIN))
                .pathMatchers(HttpMethod.GET, "/api/v1/rating-models", "/api/v1/rating-models/**").access(scope(Scopes.RATINGS_READ))
                .pathMatchers("/api/v1/rating-models", "/api/v1/rating-models/**").access(scope(Scopes.RATINGS_ADMIN))
                .pathMatchers("/api/v1/rating-jobs", "/api/v1/rating-jobs/**").access(scope(Scopes.RATINGS_ADMIN))
                .pathMatchers(HttpMethod.GET, "/api/v1/reports/**").access(scope(Scopes.RATINGS_ADMIN));
    }
}
