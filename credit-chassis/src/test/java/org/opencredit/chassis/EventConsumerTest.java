package org.opencredit.chassis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.opencredit.chassis.ChassisTestSupport.header;
import static org.opencredit.chassis.ChassisTestSupport.read;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.chassis.consumer.EventConsumer;
import org.opencredit.contracts.events.EventEnvelope;
import org.opencredit.contracts.events.Topics;
import org.opencredit.testkit.CreditInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;

@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventConsumerTest {

    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    ChassisTestApplication.TestListener listener;
    @Autowired
    ReactiveMongoTemplate mongo;

    private void send(EventEnvelope event) throws Exception {
        RecordHeaders headers = new RecordHeaders();
        event.headers().forEach(headers::add);
        kafka.send(new ProducerRecord<>(ChassisTestApplication.TOPIC, null, event.subject(), event.data(), headers)).get();
    }

    private static EventEnvelope event(String id, String subject) {
        return new EventEnvelope(id, ChassisTestApplication.TYPE, "/test", subject, Instant.now(), "{}");
    }

    @Test
    void handlesARedeliveredEventOnlyOnce() throws Exception {
        String id = UUID.randomUUID().toString();
        send(event(id, "twice"));
        send(event(id, "twice"));
        send(event(UUID.randomUUID().toString(), "marker-twice"));
        // the marker is behind both copies on... a possibly different partition, so also wait for the id record
        await().atMost(Duration.ofSeconds(20)).until(() -> listener.runs("marker-twice") == 1
                && mongo.exists(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is("chassis-test/" + id)), EventConsumer.COLLECTION).block());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> listener.runs("twice") == 1);
        assertThat(listener.runs("twice")).isEqualTo(1);
    }

    @Test
    void retriesATransientFailureWithBackOffAndThenSucceeds() throws Exception {
        listener.flakyFailuresLeft.set(2);
        send(event(UUID.randomUUID().toString(), "flaky-1"));
        await().atMost(Duration.ofSeconds(20)).until(() -> listener.runs("flaky-1") == 1);
        assertThat(listener.flakyFailuresLeft.get()).isLessThanOrEqualTo(0);
    }

    @Test
    void sendsAPoisonMessageToTheDeadLetterTopicWithTheErrorInHeaders() throws Exception {
        // no CloudEvents headers at all: can never be processed
        kafka.send(ChassisTestApplication.TOPIC, "poison-key", "not an event").get();
        String dlt = Topics.deadLetter(ChassisTestApplication.TOPIC);
        List<ConsumerRecord<String, String>> dead = read(dlt, r -> r.stream().anyMatch(x -> "poison-key".equals(x.key())));
        ConsumerRecord<String, String> record = dead.stream().filter(x -> "poison-key".equals(x.key())).findFirst().orElseThrow();
        assertThat(record.value()).isEqualTo("not an event");
        assertThat(header(record, "kafka_dlt-exception-message")).contains("missing CloudEvents header");
        assertThat(header(record, "kafka_dlt-original-topic")).isEqualTo(ChassisTestApplication.TOPIC);
        assertThat(dlt).isEqualTo("chassis.test-dlt");
    }

    @Test
    void deadLettersAnEventWhoseHandlerKeepsFailing() throws Exception {
        listener.flakyFailuresLeft.set(100);
        String id = UUID.randomUUID().toString();
        send(event(id, "flaky-forever"));
        List<ConsumerRecord<String, String>> dead = read(Topics.deadLetter(ChassisTestApplication.TOPIC),
                r -> r.stream().anyMatch(x -> "flaky-forever".equals(x.key())));
        ConsumerRecord<String, String> record = dead.stream().filter(x -> "flaky-forever".equals(x.key())).findFirst().orElseThrow();
        assertThat(header(record, "kafka_dlt-exception-message")).contains("transient failure");
        assertThat(header(record, "ce_id")).isEqualTo(id);
        assertThat(listener.runs("flaky-forever")).isZero();
        listener.flakyFailuresLeft.set(0);
        assertThat(mongo.findById("chassis-test/" + id, Document.class, EventConsumer.COLLECTION).block()).isNull();
    }

    record Versioned(String subject, int n) {
    }

    @Test
    void readsAPayloadWithAFieldAddedByANewerProducerAlthoughTheServiceApiRejectsUnknownFields() {
        tools.jackson.databind.json.JsonMapper strict = tools.jackson.databind.json.JsonMapper.builder()
                .enable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        EventConsumer consumer = new EventConsumer(mongo, new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), strict);
        EventEnvelope newer = new EventEnvelope("v-1", ChassisTestApplication.TYPE, "/test", "s", Instant.now(),
                "{\"subject\":\"s\",\"n\":1,\"addedInV1_1\":true}");
        assertThat(consumer.payload(newer, Versioned.class)).isEqualTo(new Versioned("s", 1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> strict.readValue(newer.data(), Versioned.class))
                .isInstanceOf(tools.jackson.core.JacksonException.class);
    }
}
