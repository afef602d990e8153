package org.opencredit.personal.person;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Duration;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Gives persons registered before the platform-wide pseudonym existed their {@code subjectPseudonym}:
 * one scan for persons without it, each number decrypted in memory (never logged), bulk updates by
 * {@code _id} that set only that field and only where it is still missing. Blocking: for startup,
 * before the service writes.
 */
public final class PseudonymBackfill {

    private static final Logger log = LoggerFactory.getLogger(PseudonymBackfill.class);
    private static final int BATCH = 500;

    private PseudonymBackfill() {
    }

    public static long persons(ReactiveMongoTemplate mongo, IdentityProtection protection, PersonPseudonyms pseudonyms,
                               Duration timeout) {
        long start = System.nanoTime();
        Query missing = Query.query(where("subjectPseudonym").exists(false));
        missing.fields().include("_id").include("identityNumber");
        Long filled = mongo.find(missing, Document.class, PersonDocument.COLLECTION)
                .buffer(BATCH)
                .concatMap(batch -> {
                    ReactiveBulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, PersonDocument.COLLECTION);
                    for (Document d : batch) {
                        String number = protection.decrypt(PersonService.IDENTITY_FIELD, d.getString("identityNumber"));
                        bulk.updateOne(Query.query(where("_id").is(d.get("_id")).and("subjectPseudonym").exists(false)),
                                new Update().set("subjectPseudonym", pseudonyms.of(number)));
                    }
                    return bulk.execute().thenReturn((long) batch.size());
                })
                .reduce(0L, Long::sum)
                .block(timeout);
        if (filled != null && filled > 0) {
            log.info("{}: gave {} persons registered before the person pseudonym existed their pseudonym in {} ms",
                    PersonDocument.COLLECTION, filled, (System.nanoTime() - start) / 1_000_000);
        }
        return filled == null ? 0 : filled;
    }
}
