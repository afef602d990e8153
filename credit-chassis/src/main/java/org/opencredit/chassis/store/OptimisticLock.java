package org.opencredit.chassis.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Duration;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;

/**
 * Optimistic locking with a single-field filter. Every document carries {@code version} and
 * {@code lock} = {@code <_id>#<version>} (unique, sparse index); a write is conditional on the lock
 * it read and sets the next version and lock, so a write based on a stale read matches nothing.
 * <p>
 * Why not {@code {_id, version}}: the embedded MongoDB-wire server (mongo-java-server) uses an
 * index only when the filter's keys are exactly one index's keys, and scans the whole collection
 * otherwise, even with {@code _id} in the filter (48 writes/s on 50,000 documents). {@code {lock}}
 * is answered from its unique index there and on MongoDB alike.
 * <p>
 * Documents stored before the lock existed have no {@code lock}: {@link #prepare} backfills them at
 * startup (updates by {@code _id} only), and {@link #expecting} still falls back to
 * {@code {_id, version, lock missing}} for any document without one. All writers of a collection
 * must change the lock: run one version of the service at a time against a database (the local
 * platform and a recreate deployment do).
 */
public final class OptimisticLock {

    public static final String FIELD = "lock";
    public static final String VERSION = "version";
    public static final String INDEX = "lock_unique";
    private static final Logger log = LoggerFactory.getLogger(OptimisticLock.class);
    private static final int BATCH = 1000;

    private OptimisticLock() {
    }

    /** The lock value of a document at a version. */
    public static String of(Object id, long version) {
        return id + "#" + version;
    }

    /**
     * The filter of a write conditional on the state read: the lock read, or for a document stored
     * before locks existed (lock {@code null}) its id and version and the absence of a lock (that one
     * scans on the embedded store; the startup backfill leaves no such documents behind).
     */
    public static Query expecting(Object id, Long version, String lock) {
        if (lock != null) {
            return Query.query(where(FIELD).is(lock));
        }
        return Query.query(where("_id").is(id).and(VERSION).is(version).and(FIELD).exists(false));
    }

    /** Adds the next version and its lock to {@code update}; emits nothing else. */
    public static Update advance(Update update, Object id, Long version) {
        long next = (version == null ? 0 : version) + 1;
        return update.set(VERSION, next).set(FIELD, of(id, next));
    }

    /**
     * Creates the unique (sparse) index on {@code lock} and gives every document without a lock the
     * lock of its current version. Blocking: for startup, before the service writes. Emits the number
     * of documents backfilled.
     */
    public static long prepare(ReactiveMongoTemplate mongo, String collection, Duration timeout) {
        mongo.indexOps(collection).createIndex(new Index(FIELD, Sort.Direction.ASC).unique().sparse().named(INDEX)).block(timeout);
        long start = System.nanoTime();
        Long filled = backfill(mongo, collection).block(timeout);
        if (filled != null && filled > 0) {
            log.info("{}: gave {} documents stored before the optimistic lock field their lock in {} ms", collection, filled,
                    (System.nanoTime() - start) / 1_000_000);
        }
        return filled == null ? 0 : filled;
    }

    /** One scan for documents without a lock, then unordered bulk updates by {@code _id} (indexed everywhere). */
    static Mono<Long> backfill(ReactiveMongoTemplate mongo, String collection) {
        Query missing = Query.query(where(FIELD).exists(false));
        missing.fields().include("_id").include(VERSION);
        return mongo.find(missing, Document.class, collection)
                .buffer(BATCH)
                .concatMap(batch -> {
                    ReactiveBulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
                    for (Document d : batch) {
                        Object id = d.get("_id");
                        long version = d.get(VERSION) instanceof Number n ? n.longValue() : 0;
                        bulk.updateOne(Query.query(where("_id").is(id)), new Update().set(VERSION, version).set(FIELD, of(id, version)));
                    }
                    return bulk.execute().thenReturn((long) batch.size());
                })
                .reduce(0L, Long::sum);
    }
}
