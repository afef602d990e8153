package org.opencredit.enterprise.config;

import static org.opencredit.chassis.security.ServiceAccessRules.scope;

import org.opencredit.chassis.security.ServiceAccessRules;
import org.opencredit.contracts.security.Scopes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The scope each endpoint needs; anything not listed is denied. Which records a department may
 * write (its catalogue categories, its own records) is checked further in, from the caller's department.
 */
@Configuration
class SecurityConfig {

    @Bean
    ServiceAccessRules enterpriseAccessRules() {
        return exchanges -> exchanges
                // subjects, reports, the catalogue
                .pathMatchers(HttpMethod.GET, "/api/v1/catalogue", "/api/v1/enterprises", "/api/v1/enterprises/**")
                .access(scope(Scopes.ENTERPRISES_READ))
                .pathMatchers(HttpMethod.POST, "/api/v1/enterprises").access(scope(Scopes.ENTERPRISES_WRITE))
                .pathMatchers(HttpMethod.PATCH, "/api/v1/enterprises/*").access(scope(Scopes.ENTERPRISES_WRITE))
                // records: departments write, auditors read the history, deciding authorities decide repairs
                .pathMatchers(HttpMethod.POST, "/api/v1/records", "/api/v1/records/batches", "/api/v1/records/*/revisions",
                        "/api/v1/records/*/withdrawal", "/api/v1/records/*/repair-applications").access(scope(Scopes.RECORDS_WRITE))
                .pathMatchers(HttpMethod.GET, "/api/v1/records/batches/*").access(scope(Scopes.RECORDS_WRITE))
                .pathMatchers(HttpMethod.POST, "/api/v1/records/*/repair-applications/*/decision").access(scope(Scopes.RECORDS_REPAIR))
                .pathMatchers(HttpMethod.GET, "/api/v1/records/*/history").access(scope(Scopes.RECORDS_AUDIT))
                .pathMatchers(HttpMethod.GET, "/api/v1/records/*", "/api/v1/records/*/repair-applications")
                .access(scope(Scopes.ENTERPRISES_READ));
    }
}
