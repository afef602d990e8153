package org.opencredit.rating.report;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.opencredit.chassis.consumer.EventConsumer;
import org.opencredit.contracts.events.AccessAudited;
import org.opencredit.contracts.events.EventEnvelope;
import org.opencredit.contracts.events.Topics;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Which local governments used the platform on which day, from the gateway's access audit: a
 * successful request by an API client whose administrator recorded its local government (GB/T
 * 2260 code) marks that government as a user on that day. One small document per government and
 * day, written with an upsert that is naturally idempotent (no processed-event bookkeeping for an
 * event that every request produces).
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

    @KafkaListener(topics = Topics.ACCESS_AUDIT, groupId = CONSUMER)
    void on(ConsumerRecord<String, String> record) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value());
        }
        EventEnvelope event = EventEnvelope.fromHeaders(headers, record.value());
        if (!AccessAudited.TYPE.equals(event.type())) {
            return;
        }
        // blocking on the listener thread on purpose: the offset is committed after the write
        apply(consumer.payload(event, AccessAudited.class)).block(java.time.Duration.ofSeconds(30));
    }

    public Mono<?> apply(AccessAudited e) {
        if (e.clientRegion() == null || e.status() >= 400 || e.time() == null) {
            return Mono.empty();
        }
        String day = LocalDate.ofInstant(e.time(), ZONE).toString();
        return mongo.upsert(Query.query(where("_id").is(day + "#" + e.clientRegion())),
                new Update().set("day", day).set("region", e.clientRegion()).inc("requests", 1), COLLECTION);
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
