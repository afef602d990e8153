package org.opencredit.blacklist.entry;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Duration;

import org.opencredit.blacklist.config.BlacklistProperties;
import org.opencredit.chassis.outbox.OutboxMessage;
import org.opencredit.chassis.store.OptimisticLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;

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
        return () -> {
            OptimisticLock.prepare(mongo, Ledger.COLLECTION, Duration.ofMinutes(10));
            // the selection keys: a multikey index on MongoDB (the embedded server accepts and ignores it)
            mongo.indexOps(Ledger.COLLECTION).createIndex(new Index().on(Ledger.KEYS, Sort.Direction.ASC).named("keys"))
                    .block(Duration.ofMinutes(1));
            Long keyed = backfillKeys(mongo).block(Duration.ofMinutes(10));
            if (keyed != null && keyed > 0) {
                log.info("{} ledgers stored before selection keys existed got theirs", keyed);
            }
        };
    }

    /**
     * Ledgers stored before {@link Ledger#KEYS} existed get them, derived from their entries; each
     * update is conditional on the lock read, so a ledger written meanwhile keeps the keys its writer set.
     */
    static Mono<Long> backfillKeys(ReactiveMongoTemplate mongo) {
        Query missing = Query.query(where(Ledger.KEYS).exists(false));
        missing.fields().exclude(OutboxMessage.FIELD);
        return mongo.find(missing, Ledger.class, Ledger.COLLECTION)
                .filter(l -> l.lock() != null)
                .buffer(1000)
                .concatMap(batch -> {
                    ReactiveBulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Ledger.COLLECTION);
                    batch.forEach(l -> bulk.updateOne(Query.query(where(OptimisticLock.FIELD).is(l.lock())),
                            new Update().set(Ledger.KEYS, l.keys())));
                    return bulk.execute().map(r -> (long) r.getModifiedCount());
                })
                .reduce(0L, Long::sum);
    }
}
