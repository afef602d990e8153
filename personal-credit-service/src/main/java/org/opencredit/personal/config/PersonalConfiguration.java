package org.opencredit.personal.config;

import java.time.Duration;

import org.opencredit.personal.access.EnumerationProperties;
import org.opencredit.personal.person.IdentityProtection;
import org.opencredit.personal.person.KeyGroups;
import org.opencredit.personal.person.KeyProperties;
import org.opencredit.personal.person.PersonDocument;
import org.opencredit.personal.person.PersonPseudonyms;
import org.opencredit.personal.person.PseudonymBackfill;
import org.opencredit.personal.record.PersonalRecordDocument;
import org.opencredit.personal.record.RecordPseudonymBackfill;
import org.opencredit.personal.retention.RetentionProperties;
import org.opencredit.chassis.store.OptimisticLock;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

@Configuration
@EnableConfigurationProperties({KeyProperties.class, EnumerationProperties.class, RetentionProperties.class})
class PersonalConfiguration {

    /** Fails the start, naming the variable, when a key is missing (unless generate-if-missing for local runs). */
    @Bean
    IdentityProtection identityProtection(KeyProperties keys) {
        return IdentityProtection.from(keys);
    }

    /** Fails the start, naming OPENCREDIT_PERSON_PEPPER, when the pepper is missing or shorter than 32 characters. */
    @Bean
    PersonPseudonyms personPseudonyms(KeyProperties keys) {
        return PersonPseudonyms.from(keys);
    }

    @Bean
    KeyGroups keyGroups() {
        return KeyGroups.standard();
    }

    @Bean
    org.opencredit.contracts.catalogue.Catalogue catalogue() {
        return org.opencredit.contracts.catalogue.Catalogue.standard();
    }

    /**
     * The lock indexes of persons and personal records, the lock of documents stored before it existed,
     * and the person pseudonym of persons and records stored before it existed: after every bean is
     * created, before the web server and the jobs start (nothing writes yet).
     */
    @Bean
    SmartInitializingSingleton optimisticLocks(ReactiveMongoTemplate mongo, IdentityProtection protection, PersonPseudonyms pseudonyms) {
        return () -> {
            OptimisticLock.prepare(mongo, PersonDocument.COLLECTION, Duration.ofMinutes(10));
            OptimisticLock.prepare(mongo, PersonalRecordDocument.COLLECTION, Duration.ofMinutes(10));
            PseudonymBackfill.persons(mongo, protection, pseudonyms, Duration.ofMinutes(10));
            RecordPseudonymBackfill.records(mongo, Duration.ofMinutes(10));
        };
    }
}
