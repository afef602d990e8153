package org.opencredit.enterprise.subject;

import java.time.Duration;

import org.opencredit.chassis.store.OptimisticLock;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

@Configuration
class SubjectConfiguration {

    /**
     * The subjects' lock index, and the lock of subjects stored before it existed: after every bean
     * is created, before the web server and the listeners start (nothing writes yet).
     */
    @Bean
    SmartInitializingSingleton subjectLocks(ReactiveMongoTemplate mongo) {
        return () -> OptimisticLock.prepare(mongo, SubjectDocument.COLLECTION, Duration.ofMinutes(10));
    }
}
