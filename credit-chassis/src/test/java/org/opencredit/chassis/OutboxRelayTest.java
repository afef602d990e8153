package org.opencredit.chassis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.opencredit.chassis.ChassisTestSupport.header;
import static org.opencredit.chassis.ChassisTestSupport.read;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.chassis.outbox.OutboxEvents;
import org.opencredit.chassis.outbox.OutboxMessage;
import org.opencredit.chassis.outbox.OutboxProperties;
import org.opencredit.chassis.outbox.OutboxRelay;
import org.opencredit.contracts.events.CloudEventHeaders;
import org.opencredit.testkit.CreditInfrastructure;
import org.opencredit.testkit.FreePorts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OutboxRelayTest {

    @Autowired
    ReactiveMongoTemplate mongo;
    @Autowired
    OutboxEvents events;
    @Autowired
    MongoConverter converter;
    @Autowired
    KafkaTemplate<String, String> kafka;

    record Payload(String uscc, int n) {
    }

    @Test
    void publishesEventsLeftByAServiceKilledBetweenWriteAndPublishOnceItStartsAgain() {
        String subject = "91350100M000100Y43-crash";
        OutboxMessage m = events.create("chassis.outbox.crash", ChassisTestApplication.TYPE, subject, new Payload(subject, 1));
        // only the document write happened before the "crash": no relay published it
        Document doc = new Document("_id", subject).append("name", "aggregate").append(OutboxMessage.FIELD,
                List.of(converter.convertToMongoType(m)));
        mongo.insert(doc, "crashed").block();

        // the restarted service's relay sweeps at start
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        OutboxRelay restarted = new OutboxRelay(mongo, kafka, new OutboxProperties(List.of("crashed"), Duration.ofMillis(200), 10,
                Duration.ofSeconds(10), Duration.ofHours(1)), meters);
        restarted.start();
        try {
            List<ConsumerRecord<String, String>> records = read("chassis.outbox.crash", r -> !r.isEmpty());
            assertThat(records).hasSize(1);
            ConsumerRecord<String, String> record = records.get(0);
            assertThat(record.key()).isEqualTo(subject);
            assertThat(record.value()).isEqualTo("{\"uscc\":\"" + subject + "\",\"n\":1}");
            assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(m.eventId());
            assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo(ChassisTestApplication.TYPE);
            assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/chassis-test");
            assertThat(header(record, CloudEventHeaders.SUBJECT)).isEqualTo(subject);
            assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    mongo.findById(subject, Document.class, "crashed").block().getList(OutboxMessage.FIELD, Object.class)).isEmpty());
            assertThat(meters.get("opencredit.outbox.published").tag("topic", "chassis.outbox.crash").counter().count())
                    .as("events published by topic").isEqualTo(1.0);
        } finally {
            restarted.stop();
        }
    }

    @Test
    void aBulkWriteIsPublishedWithoutReadingItBackAndMarkedSent() {
        List<OutboxRelay.Written> written = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            OutboxMessage m = events.create("chassis.outbox.bulk", ChassisTestApplication.TYPE, "bulk-" + i, new Payload("bulk-" + i, i));
            mongo.insert(new Document("_id", "bulk-" + i).append(OutboxMessage.FIELD, List.of(converter.convertToMongoType(m))), "bulk").block();
            written.add(new OutboxRelay.Written("bulk-" + i, List.of(m)));
        }
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        OutboxRelay relay = new OutboxRelay(mongo, kafka, new OutboxProperties(List.of(), Duration.ofHours(1), 10,
                Duration.ofSeconds(10), Duration.ofHours(1)), meters);
        assertThat(relay.relayWritten("bulk", written).block()).isEqualTo(3);
        assertThat(relay.relayWritten("bulk", written).block()).as("sent once only").isZero();
        assertThat(meters.get("opencredit.outbox.published").tag("topic", "chassis.outbox.bulk").counter().count())
                .as("events published by topic").isEqualTo(3.0);
        assertThat(read("chassis.outbox.bulk", r -> r.size() >= 3)).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder("bulk-0", "bulk-1", "bulk-2");
        for (int i = 0; i < 3; i++) {
            assertThat(mongo.findById("bulk-" + i, Document.class, "bulk").block().getList(OutboxMessage.FIELD, Object.class)).isEmpty();
        }
    }

    @Test
    void keepsEventsWhileKafkaIsDownAndPublishesThemInOrderOnceItIsBack() {
        String subject = "kafka-down";
        OutboxMessage first = events.create("chassis.outbox.down", ChassisTestApplication.TYPE, subject, new Payload(subject, 1));
        OutboxMessage second = events.create("chassis.outbox.down", ChassisTestApplication.TYPE, subject, new Payload(subject, 2));

        KafkaTemplate<String, String> deadKafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + FreePorts.next(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 500), new StringSerializer(), new StringSerializer()));
        OutboxRelay relayWithoutKafka = new OutboxRelay(mongo, deadKafka,
                new OutboxProperties(List.of(), Duration.ofHours(1), 10, Duration.ofSeconds(2), Duration.ofHours(1)), new SimpleMeterRegistry());
        // written to a collection the running relay does not sweep, so only our relays act on it
        Document doc = new Document("_id", subject).append(OutboxMessage.FIELD,
                List.of(converter.convertToMongoType(first), converter.convertToMongoType(second)));
        mongo.insert(doc, "parked").block();

        Integer publishedWhileDown = relayWithoutKafka.relay("parked", subject).onErrorReturn(-1).block();
        assertThat(publishedWhileDown).isEqualTo(-1);
        assertThat(mongo.findById(subject, Document.class, "parked").block().getList(OutboxMessage.FIELD, Object.class)).hasSize(2);

        KafkaTemplate<String, String> liveKafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, CreditInfrastructure.get().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer()));
        OutboxRelay relayWithKafka = new OutboxRelay(mongo, liveKafka,
                new OutboxProperties(List.of("parked"), Duration.ofHours(1), 10, Duration.ofSeconds(10), Duration.ofHours(1)), new SimpleMeterRegistry());
        assertThat(relayWithKafka.sweep().block()).isEqualTo(2);

        List<ConsumerRecord<String, String>> records = read("chassis.outbox.down", r -> r.size() >= 2);
        assertThat(records).extracting(r -> header(r, CloudEventHeaders.ID)).containsExactly(first.eventId(), second.eventId());
        assertThat(mongo.findById(subject, Document.class, "parked").block().getList(OutboxMessage.FIELD, Object.class)).isEmpty();
        liveKafka.destroy();
        deadKafka.destroy();
    }

    @Test
    void theBacklogAndTheAgeOfTheOldestUnsentEventAreMetricsWhileKafkaIsDown() {
        String subject = "ageing";
        java.time.Instant tenMinutesAgo = java.time.Instant.now().minusSeconds(600);
        OutboxMessage old = new OutboxMessage(java.util.UUID.randomUUID().toString(), "chassis.outbox.ageing", ChassisTestApplication.TYPE,
                "/chassis-test", subject, tenMinutesAgo, "{}");
        OutboxMessage recent = events.create("chassis.outbox.ageing", ChassisTestApplication.TYPE, subject, new Payload(subject, 2));
        mongo.insert(new Document("_id", subject).append(OutboxMessage.FIELD,
                List.of(converter.convertToMongoType(old), converter.convertToMongoType(recent))), "ageing").block();

        KafkaTemplate<String, String> deadKafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + FreePorts.next(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 500), new StringSerializer(), new StringSerializer()));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        OutboxRelay relay = new OutboxRelay(mongo, deadKafka,
                new OutboxProperties(List.of("ageing"), Duration.ofHours(1), 10, Duration.ofSeconds(2), Duration.ofHours(1)), meters);
        assertThat(meters.get("opencredit.outbox.backlog").gauge().value()).isZero();
        assertThat(meters.get("opencredit.outbox.oldest.age").gauge().value()).isZero();

        relay.sweep().onErrorReturn(-1).block();

        assertThat(meters.get("opencredit.outbox.backlog").gauge().value()).isEqualTo(2.0);
        assertThat(meters.get("opencredit.outbox.oldest.age").gauge().value()).isBetween(600.0, 660.0);
        deadKafka.destroy();
    }
}
