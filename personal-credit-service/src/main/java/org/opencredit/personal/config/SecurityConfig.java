package org.opencredit.personal.config;

import static org.opencredit.chassis.security.ServiceAccessRules.scope;

import org.opencredit.chassis.security.ServiceAccessRules;
import org.opencredit.contracts.security.Scopes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The scope each endpoint needs; anything not listed is denied. Purpose, consent and client kind
 * are checked further in (access package), and every read of personal data is logged there.
 */
@Configuration
class SecurityConfig {

    @Bean
    ServiceAccessRules personalAccessRules() {
        return exchanges -> exchanges
                // the consent register: the credit office's administration of persons' written authorisations
                .pathMatchers(HttpMethod.POST, "/api/v1/persons/consents", "/api/v1/persons/consents/*/revocation").access(scope(Scopes.ADMIN))
                .pathMatchers(HttpMethod.POST, "/api/v1/persons/identity-checks", "/api/v1/persons/lookup").access(scope(Scopes.PERSONS_READ))
                .pathMatchers(HttpMethod.GET, "/api/v1/key-groups", "/api/v1/persons/*", "/api/v1/persons/*/records",
                        "/api/v1/persons/*/report", "/api/v1/persons/*/access-log").access(scope(Scopes.PERSONS_READ))
                .pathMatchers(HttpMethod.POST, "/api/v1/persons", "/api/v1/persons/*/memberships", "/api/v1/person-records",
                        "/api/v1/person-records/batches",
                        "/api/v1/person-records/*/revisions", "/api/v1/person-records/*/withdrawal",
                        "/api/v1/person-records/*/objections", "/api/v1/person-records/*/objections/*/resolution")
                .access(scope(Scopes.PERSONS_WRITE))
                .pathMatchers(HttpMethod.PUT, "/api/v1/person-records/*/statement").access(scope(Scopes.PERSONS_WRITE))
                .pathMatchers(HttpMethod.GET, "/api/v1/objections").access(scope(Scopes.PERSONS_WRITE));
    }
}
