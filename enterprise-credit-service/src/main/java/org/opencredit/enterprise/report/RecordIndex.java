package org.opencredit.enterprise.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.opencredit.contracts.events.EventEnvelope;
import org.opencredit.contracts.events.EventTypes;
import org.opencredit.contracts.events.RecordChanged;
import org.opencredit.contracts.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which records of each subject are in publicity, kept from this service's own record events: the
 * credit report then reads one document by USCC and the records by id, never scanning the records
 * (the embedded store has no secondary indexes). Adding and removing ids is idempotent and one
 * subject's events arrive in order, so replaying the topic from offset 0 rebuilds the same index.
 * Events are taken in batches and written with one bulk request per batch.
 */
@Component
class RecordIndex {

    static final String CONSUMER = "enterprise-credit-service.record-index";
    static final String COLLECTION = "subject_records";
    private static final Logger log = LoggerFactory.getLogger(RecordIndex.class);

    /**
     * The ids of a subject's records in publicity, and a revision that grows with every batch of
     * events that touched the subject (a revised record keeps its id but changes the revision), so
     * a cached report can tell whether it is still current with one read by id.
     */
    record SubjectRecords(@Id String uscc, List<String> published, Long revision) {
        long revisionOrZero() {
            return revision == null ? 0 : revision;
        }
    }

    private final ReactiveMongoTemplate mongo;
    private final JsonMapper json;
    private final MeterRegistry registry;

    RecordIndex(ReactiveMongoTemplate mongo, JsonMapper json, MeterRegistry registry) {
        this.mongo = mongo;
        this.json = json;
        this.registry = registry;
    }

    /** Batches, committed after each batch is written (the platform default is one record at a time). */
    @org.springframework.context.annotation.Configuration
    static class BatchListenerConfiguration {
        @org.springframework.context.annotation.Bean
        org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory<String, String> recordIndexListenerFactory(
                org.springframework.kafka.core.ConsumerFactory<String, String> consumers) {
            var factory = new org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory<String, String>();
            factory.setConsumerFactory(consumers);
            factory.setBatchListener(true);
            factory.getContainerProperties().setAckMode(org.springframework.kafka.listener.ContainerProperties.AckMode.BATCH);
            return factory;
        }
    }

    @KafkaListener(topics = Topics.RECORD, groupId = CONSUMER, containerFactory = "recordIndexListenerFactory")
    void on(List<ConsumerRecord<String, String>> batch) {
        // net effect per subject and record, in topic order: the last event of a record decides
        Map<String, Map<String, Boolean>> bySubject = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : batch) {
            try {
                Map<String, byte[]> headers = new LinkedHashMap<>();
                for (Header h : record.headers()) {
                    headers.put(h.key(), h.value());
                }
                EventEnvelope event = EventEnvelope.fromHeaders(headers, record.value());
                if (!EventTypes.RECORD_TYPES.contains(event.type())) {
                    continue;
                }
                RecordChanged changed = json.readValue(event.data(), RecordChanged.class);
                bySubject.computeIfAbsent(changed.uscc(), k -> new LinkedHashMap<>())
                        .put(changed.recordId(), "PUBLISHED".equals(changed.status()));
            } catch (RuntimeException e) {
                // a malformed event cannot change the index; the record consumers dead-letter it
                registry.counter("opencredit.events.consumed", "consumer", CONSUMER, "topic", record.topic(), "outcome", "malformed").increment();
                log.warn("record index skips a malformed event at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
            }
        }
        if (bySubject.isEmpty()) {
            return;
        }
        // Subjects the batch only adds records to are first inserted as new entries in one request (a bulk ingest
        // brings mostly new subjects, and an upsert costs the store a lookup and an update on top of the insert);
        // those already indexed are refused as duplicates and updated below like every other subject.
        Map<String, List<String>> onlyAdded = new LinkedHashMap<>();
        bySubject.forEach((uscc, records) -> {
            if (!records.containsValue(Boolean.FALSE)) {
                onlyAdded.put(uscc, List.copyOf(records.keySet()));
            }
        });
        Set<String> inserted = insertNew(onlyAdded);
        ReactiveBulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        int updates = 0;
        for (Map.Entry<String, Map<String, Boolean>> subject : bySubject.entrySet()) {
            if (inserted.contains(subject.getKey())) {
                continue;
            }
            List<String> add = new ArrayList<>();
            List<String> remove = new ArrayList<>();
            subject.getValue().forEach((id, published) -> (published ? add : remove).add(id));
            Query bySubjectId = Query.query(Criteria.where("_id").is(subject.getKey()));
            if (!add.isEmpty()) {
                bulk.upsert(bySubjectId, new Update().addToSet("published").each(add.toArray()).inc("revision", 1));
                updates++;
            }
            if (!remove.isEmpty()) {
                bulk.updateOne(bySubjectId, new Update().pullAll("published", remove.toArray()).inc("revision", 1));
                updates++;
            }
        }
        if (updates > 0) {
            // Blocking on purpose: the listener thread is Kafka's own, and the offsets must not be committed before the write.
            bulk.execute().block(WRITE_TIMEOUT);
        }
        registry.counter("opencredit.events.consumed", "consumer", CONSUMER, "topic", Topics.RECORD, "outcome", "processed")
                .increment(batch.size());
    }

    private static final java.time.Duration WRITE_TIMEOUT = java.time.Duration.ofSeconds(60);

    /**
     * Inserts an entry (revision 1, as an upsert of a new subject gives) for each subject not indexed yet, in
     * one unordered request; returns the subjects inserted. Those refused as duplicate keys already have an entry.
     */
    private Set<String> insertNew(Map<String, List<String>> onlyAdded) {
        if (onlyAdded.isEmpty()) {
            return Set.of();
        }
        List<org.bson.Document> entries = new ArrayList<>(onlyAdded.size());
        onlyAdded.forEach((uscc, ids) -> entries.add(new org.bson.Document("_id", uscc).append("published", ids).append("revision", 1)));
        Set<String> inserted = new LinkedHashSet<>(onlyAdded.keySet());
        try {
            mongo.getCollection(COLLECTION)
                    .flatMap(c -> reactor.core.publisher.Mono.from(c.insertMany(entries, new com.mongodb.client.model.InsertManyOptions().ordered(false))))
                    .block(WRITE_TIMEOUT);
        } catch (RuntimeException e) {
            com.mongodb.MongoBulkWriteException refused = refusedAsDuplicates(e);
            if (refused == null) {
                throw e;
            }
            refused.getWriteErrors().forEach(w -> inserted.remove(String.valueOf(entries.get(w.getIndex()).get("_id"))));
        }
        return inserted;
    }

    /** The bulk write error behind {@code e} if every write it refused was a duplicate key; else null. */
    private static com.mongodb.MongoBulkWriteException refusedAsDuplicates(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.mongodb.MongoBulkWriteException bulk) {
                return bulk.getWriteErrors().stream().allMatch(w -> w.getCode() == 11000) ? bulk : null;
            }
        }
        return null;
    }

    /** The subject's index entry; empty ids and revision 0 when no record of it was ever indexed. */
    Mono<SubjectRecords> state(String uscc) {
        return mongo.findById(uscc, SubjectRecords.class, COLLECTION)
                .defaultIfEmpty(new SubjectRecords(uscc, List.of(), 0L));
    }

    Mono<Set<String>> published(String uscc) {
        return mongo.findById(uscc, SubjectRecords.class, COLLECTION)
                .map(s -> (Set<String>) new LinkedHashSet<>(s.published() == null ? List.of() : s.published()))
                .defaultIfEmpty(Set.of());
    }
}
