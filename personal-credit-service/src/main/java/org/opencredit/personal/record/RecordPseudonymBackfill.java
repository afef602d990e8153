package org.opencredit.personal.record;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import org.bson.Document;
import org.opencredit.personal.person.PersonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;

/**
 * Copies the person pseudonym onto personal records stored before it existed, from their person
 * (run after {@link org.opencredit.personal.person.PseudonymBackfill}), so every later event of the
 * record carries it without reading the person. Blocking: for startup, before the service writes.
 */
public final class RecordPseudonymBackfill {

    private static final Logger log = LoggerFactory.getLogger(RecordPseudonymBackfill.class);
    private static final int BATCH = 500;

    private RecordPseudonymBackfill() {
    }

    public static long records(ReactiveMongoTemplate mongo, Duration timeout) {
        long start = System.nanoTime();
        Query missing = Query.query(where("subjectPseudonym").exists(false));
        missing.fields().include("_id").include("personRef");
        Long filled = mongo.find(missing, Document.class, PersonalRecordDocument.COLLECTION)
                .buffer(BATCH)
                .concatMap(batch -> {
                    Query persons = Query.query(where("_id").in(batch.stream().map(d -> d.getString("personRef")).distinct().toList()));
                    persons.fields().include("_id").include("subjectPseudonym");
                    return mongo.find(persons, Document.class, PersonDocument.COLLECTION)
                            .filter(p -> p.getString("subjectPseudonym") != null)
                            .collect(Collectors.toMap(p -> p.getString("_id"), p -> p.getString("subjectPseudonym")))
                            .flatMap(pseudonyms -> fill(mongo, batch, pseudonyms));
                })
                .reduce(0L, Long::sum)
                .block(timeout);
        if (filled != null && filled > 0) {
            log.info("{}: gave {} records stored before the person pseudonym existed their person's pseudonym in {} ms",
                    PersonalRecordDocument.COLLECTION, filled, (System.nanoTime() - start) / 1_000_000);
        }
        return filled == null ? 0 : filled;
    }

    private static Mono<Long> fill(ReactiveMongoTemplate mongo, java.util.List<Document> batch, Map<String, String> pseudonyms) {
        ReactiveBulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, PersonalRecordDocument.COLLECTION);
        long n = 0;
        for (Document d : batch) {
            String pseudonym = pseudonyms.get(d.getString("personRef"));
            if (pseudonym != null) {
                bulk.updateOne(Query.query(where("_id").is(d.get("_id")).and("subjectPseudonym").exists(false)),
                        new Update().set("subjectPseudonym", pseudonym));
                n++;
            }
        }
        return n == 0 ? Mono.just(0L) : bulk.execute().thenReturn(n);
    }
}
