package org.opencredit.blacklist.entry;

import org.opencredit.blacklist.config.BlacklistProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class EntryConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EntryConfiguration.class);

    @Bean
    PersonKeys personKeys(BlacklistProperties properties) {
        if (BlacklistProperties.DEVELOPMENT_PEPPER.equals(properties.personPepper())) {
            log.warn("OPENCREDIT_PERSON_PEPPER is not set: natural persons are keyed with the local development pepper; "
                    + "set a secret one before real data arrives");
        }
        return new PersonKeys(properties.personPepper());
    }
}
