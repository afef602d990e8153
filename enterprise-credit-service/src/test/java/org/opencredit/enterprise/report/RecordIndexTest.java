package org.opencredit.enterprise.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencredit.testkit.TestCodes.uscc;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.contracts.events.EventEnvelope;
import org.opencredit.contracts.events.EventTypes;
import org.opencredit.contracts.events.RecordChanged;
import org.opencredit.contracts.events.Topics;
import org.opencredit.testkit.CreditInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The record index takes a batch of record events: subjects new to it are inserted in one request, subjects it
 * already knows are updated, and a batch taken twice (a redelivery) leaves the same ids.
 */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest
class RecordIndexTest {

    @Autowired
    RecordIndex index;
    @Autowired
    ReactiveMongoTemplate mongo;
    @Autowired
    JsonMapper json;

    long offset;

    ConsumerRecord<String, String> event(String type, String code, String recordId, String status) {
        RecordChanged changed = new RecordChanged(recordId, code, "TAX_ARREARS", "GENERAL", "NEGATIVE", "TAX", LocalDate.now(),
                LocalDate.now().plusYears(1), status, 1, null, Instant.now());
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID().toString(), type, "/test", code, Instant.now(),
                json.writeValueAsString(changed));
        ConsumerRecord<String, String> record = new ConsumerRecord<>(Topics.RECORD, 0, offset++, code, envelope.data());
        envelope.headers().forEach((k, v) -> record.headers().add(k, v));
        return record;
    }

    Document entry(String code) {
        return mongo.findById(code, Document.class, RecordIndex.COLLECTION).block();
    }

    @Test
    void newSubjectsAreInsertedKnownOnesUpdatedAndARedeliveredBatchKeepsTheSameIds() {
        String fresh = uscc("91350100RX0000001");
        String known = uscc("91350100RX0000002");
        String mixed = uscc("91350100RX0000003");
        mongo.insert(new Document("_id", known).append("published", new ArrayList<>(List.of("k-0"))).append("revision", 3),
                RecordIndex.COLLECTION).block();
        List<ConsumerRecord<String, String>> batch = List.of(
                event(EventTypes.RECORD_PUBLISHED_V1, fresh, "f-1", "PUBLISHED"),
                event(EventTypes.RECORD_PUBLISHED_V1, known, "k-1", "PUBLISHED"),
                event(EventTypes.RECORD_PUBLISHED_V1, fresh, "f-2", "PUBLISHED"),
                event(EventTypes.RECORD_PUBLISHED_V1, mixed, "m-1", "PUBLISHED"),
                event(EventTypes.RECORD_PUBLISHED_V1, mixed, "m-2", "PUBLISHED"),
                event(EventTypes.RECORD_WITHDRAWN_V1, mixed, "m-1", "WITHDRAWN"));

        index.on(batch);

        assertThat(entry(fresh).getList("published", String.class)).containsExactly("f-1", "f-2");
        assertThat(((Number) entry(fresh).get("revision")).longValue()).isEqualTo(1);
        assertThat(entry(known).getList("published", String.class)).containsExactly("k-0", "k-1");
        assertThat(((Number) entry(known).get("revision")).longValue()).isEqualTo(4);
        assertThat(entry(mixed).getList("published", String.class)).containsExactly("m-2");
        assertThat(index.state(fresh).block().published()).containsExactly("f-1", "f-2");

        index.on(batch); // redelivered after a crash before the offsets were committed

        assertThat(entry(fresh).getList("published", String.class)).containsExactly("f-1", "f-2");
        assertThat(((Number) entry(fresh).get("revision")).longValue()).as("a reader's cached report is refreshed").isEqualTo(2);
        assertThat(entry(known).getList("published", String.class)).containsExactly("k-0", "k-1");
        assertThat(entry(mixed).getList("published", String.class)).containsExactly("m-2");
    }
}
