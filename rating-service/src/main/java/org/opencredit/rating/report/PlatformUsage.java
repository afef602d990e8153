package org.opencredit.rating.report;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.opencredit.chassis.consumer.EventConsumer;
import org.opencredit.contracts.events.AccessAudited;
import org.opencredit.contracts.events.EventEnvelope;
import org.opencredit.contracts.events.MalformedEventException;
import org.opencredit.contracts.events.Topics;
import org.opencredit.rating.events.BatchFacts;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Which local governments used the platform on which day, from the gateway's access audit: a
 * successful request by an API client whose administrator recorded its local government (GB/T
 * 2260 code) marks that government as a user on that day. One small document per government and
 * day, written with an upsert that is naturally idempotent for what the indicator counts (no
 * processed-event bookkeeping for an event that every request produces; the informational request
 * count may count a redelivered event twice). A poll's events are one bulk write.
 */
@Component
public class PlatformUsage {

    public static final String COLLECTION = "usage_days";
    static final String CONSUMER = "rating-service.usage";
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final ReactiveMongoTemplate mongo;
    private final EventConsumer consumer;

    PlatformUsage(ReactiveMongoTemplate mongo, EventConsumer consumer) {
        this.mongo = mongo;
        this.consumer = consumer;
    }

    // a batch listener: every API request produces an audit event, so a poll's events become one bulk write
    @KafkaListener(topics = Topics.ACCESS_AUDIT, groupId = CONSUMER, containerFactory = "batchFactory")
    void on(List<ConsumerRecord<String, String>> records) {
        List<AccessAudited> audits = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                EventEnvelope event = BatchFacts.envelope(records.get(i));
                if (AccessAudited.TYPE.equals(event.type())) {
                    audits.add(consumer.payload(event, AccessAudited.class));
                }
            } catch (MalformedEventException e) {
                // what came before it is counted; the container dead-letters this one and goes on after it
                apply(audits).block(Duration.ofSeconds(30));
                throw new BatchListenerFailedException(e.getMessage(), e, i);
            }
        }
        // blocking on the listener thread on purpose: the offsets are committed after the write
        apply(audits).block(Duration.ofSeconds(30));
    }

    public Mono<?> apply(AccessAudited e) {
        return apply(List.of(e));
    }

    /** Marks each (day, local government) with successful requests in {@code audits}: one upsert each, in one bulk write. */
    public Mono<Void> apply(List<AccessAudited> audits) {
        Map<String, Long> requests = new LinkedHashMap<>();
        for (AccessAudited e : audits) {
            if (e.clientRegion() == null || e.status() >= 400 || e.time() == null) {
                continue;
            }
            requests.merge(LocalDate.ofInstant(e.time(), ZONE) + "#" + e.clientRegion(), 1L, Long::sum);
        }
        if (requests.isEmpty()) {
            return Mono.empty();
        }
        var bulk = mongo.bulkOps(BulkMode.UNORDERED, COLLECTION);
        requests.forEach((key, n) -> bulk.upsert(Query.query(where("_id").is(key)),
                new Update().set("day", key.substring(0, key.indexOf('#'))).set("region", key.substring(key.indexOf('#') + 1))
                        .inc("requests", n)));
        return bulk.execute().then();
    }

    /** Distinct local governments (by code, within {@code prefix}) that used the platform between the two days. */
    public Mono<Long> governments(String prefix, LocalDate from, LocalDate to) {
        Query q = Query.query(where("day").gte(from.toString()).lte(to.toString()));
        q.fields().include("region");
        return mongo.find(q, org.bson.Document.class, COLLECTION)
                .map(d -> d.getString("region"))
                .filter(r -> prefix == null || r.startsWith(prefix))
                .distinct()
                .count();
    }

    Flux<org.bson.Document> all() {
        return mongo.findAll(org.bson.Document.class, COLLECTION);
    }
}
