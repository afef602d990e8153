package org.opencredit.blacklist.entry;

import java.time.Duration;

import org.opencredit.blacklist.config.BlacklistProperties;
import org.opencredit.chassis.store.OptimisticLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

@Configuration
class EntryConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EntryConfiguration.class);

    @Bean
    PersonKeys personKeys(BlacklistProperties properties) {
        String pepper = properties.personPepper();
        if (pepper == null || pepper.length() < 32) {
            throw new IllegalStateException("OPENCREDIT_PERSON_PEPPER (property opencredit.blacklist.person-pepper) must be set to a "
                    + "secret of at least 32 characters: it keys the pseudonyms of natural persons; no value is committed "
                    + "(the local platform generates one)");
        }
        log.debug("person pseudonyms keyed with the configured OPENCREDIT_PERSON_PEPPER");
        return new PersonKeys(pepper);
    }

    /**
     * The ledgers' lock index, and the lock of ledgers stored before it existed: after every bean is
     * created, before the web server, the listeners and the sweeps start (nothing writes yet).
     */
    @Bean
    SmartInitializingSingleton ledgerLocks(ReactiveMongoTemplate mongo) {
        return () -> OptimisticLock.prepare(mongo, Ledger.COLLECTION, Duration.ofMinutes(10));
    }
}
