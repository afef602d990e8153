package org.opencredit.personal.config;

import org.opencredit.personal.access.EnumerationProperties;
import org.opencredit.personal.person.IdentityProtection;
import org.opencredit.personal.person.KeyGroups;
import org.opencredit.personal.person.KeyProperties;
import org.opencredit.personal.retention.RetentionProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties({KeyProperties.class, EnumerationProperties.class, RetentionProperties.class})
class PersonalConfiguration {

    /** Fails the start, naming the variable, when a key is missing (unless generate-if-missing for local runs). */
    @Bean
    IdentityProtection identityProtection(KeyProperties keys) {
        return IdentityProtection.from(keys);
    }

    @Bean
    KeyGroups keyGroups() {
        return KeyGroups.standard();
    }

    @Bean
    org.opencredit.contracts.catalogue.Catalogue catalogue() {
        return org.opencredit.contracts.catalogue.Catalogue.standard();
    }
}
