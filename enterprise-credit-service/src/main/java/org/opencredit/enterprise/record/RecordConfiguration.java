package org.opencredit.enterprise.record;

import java.time.Clock;
import java.time.Duration;

import org.opencredit.contracts.catalogue.Catalogue;
import org.opencredit.chassis.store.OptimisticLock;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

@Configuration
class RecordConfiguration {

    @Bean
    Catalogue catalogue() {
        return Catalogue.standard();
    }

    @Bean
    RecordRules recordRules(Catalogue catalogue, Clock clock) {
        return new RecordRules(catalogue, WorkingCalendar.standard(), clock);
    }

    /**
     * The records' lock index, and the lock of records stored before it existed: after every bean is
     * created, before the web server, the listeners and the sweeps start (nothing writes yet).
     */
    @Bean
    SmartInitializingSingleton recordLocks(ReactiveMongoTemplate mongo) {
        return () -> OptimisticLock.prepare(mongo, RecordDocument.COLLECTION, Duration.ofMinutes(10));
    }
}
