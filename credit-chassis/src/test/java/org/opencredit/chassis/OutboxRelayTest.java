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
import reactor.core.publisher.Mono;

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

    private OutboxMessage event(String topic, String subject, int n) {
        return events.create(topic, ChassisTestApplication.TYPE, subject, new Payload(subject, n));
    }

    /** A bulk-inserted document as a service stores it under a ledger: no outbox entry, the ledger's id. */
    private void storeUnderLedger(String collection, String id, String ledger) {
        mongo.insert(new Document("_id", id).append(OutboxMessage.FIELD, List.of()).append(OutboxRelay.LEDGER_FIELD, ledger), collection).block();
    }

    private long ledgers(String collection) {
        return mongo.getCollection(collection + "_outbox_ledgers").flatMap(c -> Mono.from(c.countDocuments())).block();
    }

    private OutboxRelay relay(KafkaTemplate<String, String> kafka, List<String> collections, Duration ledgerGrace) {
        return new OutboxRelay(mongo, kafka, new OutboxProperties(collections, Duration.ofHours(1), 10, Duration.ofSeconds(2),
                Duration.ofHours(1), ledgerGrace), new SimpleMeterRegistry());
    }

    @Test
    void aChunkLedgerPublishesTheEventsOfTheStoredDocumentsAndIsThenDeletedWithoutMarkingEachDocument() {
        String topic = "chassis.outbox.ledger";
        List<OutboxRelay.Written> planned = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            planned.add(new OutboxRelay.Written("chunk-" + i, List.of(event(topic, "chunk-" + i, i))));
        }
        // chunk-2 was stored by an earlier submission: the bulk insert refuses it and its event is not this chunk's
        mongo.insert(new Document("_id", "chunk-2").append("name", "earlier"), "chunked").block();
        OutboxRelay relay = relay(kafka, List.of(), Duration.ofMinutes(5));

        String ledger = relay.openLedger("chunked", planned).block();
        assertThat(ledgers("chunked")).as("ledger written before the documents").isEqualTo(1);
        storeUnderLedger("chunked", "chunk-0", ledger);
        storeUnderLedger("chunked", "chunk-1", ledger);

        assertThat(relay.relayLedger("chunked", ledger, planned.subList(0, 2)).block()).isEqualTo(2);
        List<ConsumerRecord<String, String>> records = read(topic, r -> r.size() >= 2);
        assertThat(records).extracting(ConsumerRecord::key).containsExactly("chunk-0", "chunk-1");
        assertThat(records).extracting(r -> header(r, CloudEventHeaders.ID))
                .containsExactly(planned.get(0).messages().get(0).eventId(), planned.get(1).messages().get(0).eventId());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ledgers("chunked")).as("ledger deleted once published").isZero());
        assertThat(mongo.findById("chunk-0", Document.class, "chunked").block().getList(OutboxMessage.FIELD, Object.class)).isEmpty();
    }

    @Test
    void aLedgerLeftByACrashAfterTheBulkInsertIsPublishedByTheSweepForExactlyTheDocumentsStoredWithIt() {
        String topic = "chassis.outbox.ledger.crash";
        List<OutboxRelay.Written> planned = new java.util.ArrayList<>();
        for (String id : List.of("crash-0", "crash-1", "crash-unstored", "crash-earlier")) {
            planned.add(new OutboxRelay.Written(id, List.of(event(topic, id, 1))));
        }
        mongo.insert(new Document("_id", "crash-earlier").append("name", "stored before, by another chunk"), "crashed_chunks").block();
        // the service wrote the ledger and two of the documents, then died: nothing was published
        String ledger = relay(kafka, List.of(), Duration.ofMinutes(5)).openLedger("crashed_chunks", planned).block();
        storeUnderLedger("crashed_chunks", "crash-0", ledger);
        storeUnderLedger("crashed_chunks", "crash-1", ledger);

        // the restarted service's relay: its grace for never-stored documents is over
        OutboxRelay restarted = relay(kafka, List.of("crashed_chunks"), Duration.ZERO);
        assertThat(restarted.sweep().block()).isEqualTo(2);

        assertThat(read(topic, r -> r.size() >= 2)).extracting(ConsumerRecord::key).containsExactly("crash-0", "crash-1");
        assertThat(ledgers("crashed_chunks")).isZero();
        assertThat(restarted.sweep().block()).as("nothing left").isZero();
        // a later event on the topic shows whether anything else was published for the unstored or earlier document
        mongo.insert(new Document("_id", "crash-after").append(OutboxMessage.FIELD,
                List.of(converter.convertToMongoType(event(topic, "crash-after", 2)))), "crashed_chunks").block();
        assertThat(restarted.sweep().block()).isEqualTo(1);
        assertThat(read(topic, r -> r.size() >= 3)).extracting(ConsumerRecord::key).containsExactly("crash-0", "crash-1", "crash-after");
    }

    @Test
    void theSweepPublishesALeftOverLedgersEventsExactlyAsThePlannedOnes() {
        String topic = "chassis.outbox.ledger.exact";
        // non-ASCII and a payload far beyond 64 KB: the ledger must give back every character and header
        String big = "欠缴增值税".repeat(20_000);
        List<OutboxRelay.Written> planned = List.of(
                new OutboxRelay.Written("exact-0", List.of(events.create(topic, ChassisTestApplication.TYPE, "主体-0", new Payload(big, 0)))),
                new OutboxRelay.Written("exact-1", List.of(events.create(topic, ChassisTestApplication.TYPE, "exact-1", new Payload("短", 1)))));
        String ledger = relay(kafka, List.of(), Duration.ofMinutes(5)).openLedger("exact_chunks", planned).block();
        storeUnderLedger("exact_chunks", "exact-0", ledger);
        storeUnderLedger("exact_chunks", "exact-1", ledger);

        assertThat(relay(kafka, List.of("exact_chunks"), Duration.ZERO).sweep().block()).isEqualTo(2);

        List<ConsumerRecord<String, String>> records = read(topic, r -> r.size() >= 2);
        for (int i = 0; i < 2; i++) {
            OutboxMessage m = planned.get(i).messages().get(0);
            ConsumerRecord<String, String> r = records.stream().filter(x -> m.eventId().equals(header(x, CloudEventHeaders.ID)))
                    .findFirst().orElseThrow();
            assertThat(r.key()).isEqualTo(m.subject());
            assertThat(r.value()).isEqualTo(m.data());
            assertThat(header(r, CloudEventHeaders.ID)).isEqualTo(m.eventId());
            assertThat(header(r, CloudEventHeaders.TYPE)).isEqualTo(m.type());
            assertThat(header(r, CloudEventHeaders.SOURCE)).isEqualTo(m.source());
            assertThat(header(r, CloudEventHeaders.SUBJECT)).isEqualTo(m.subject());
            assertThat(header(r, CloudEventHeaders.TIME)).isEqualTo(m.time().toString());
        }
        assertThat(ledgers("exact_chunks")).isZero();
    }

    @Test
    void aLedgerWrittenInTheEarlierFormOneSubDocumentPerEventIsStillSwept() {
        String topic = "chassis.outbox.ledger.earlier";
        OutboxMessage m = event(topic, "earlier-0", 0);
        // as the relay wrote ledgers before they became one binary value; a service upgraded after a crash finds it
        mongo.insert(new Document("_id", "earlier-ledger").append("createdAt", new java.util.Date()).append("messages", List.of(
                new Document("documentId", "earlier-0").append("eventId", m.eventId()).append("topic", m.topic()).append("type", m.type())
                        .append("source", m.source()).append("subject", m.subject()).append("time", java.util.Date.from(m.time()))
                        .append("data", m.data()))), "earlier_chunks_outbox_ledgers").block();
        storeUnderLedger("earlier_chunks", "earlier-0", "earlier-ledger");

        assertThat(relay(kafka, List.of("earlier_chunks"), Duration.ZERO).sweep().block()).isEqualTo(1);

        ConsumerRecord<String, String> r = read(topic, x -> !x.isEmpty()).get(0);
        assertThat(header(r, CloudEventHeaders.ID)).isEqualTo(m.eventId());
        assertThat(r.value()).isEqualTo(m.data());
        assertThat(ledgers("earlier_chunks")).isZero();
    }

    @Test
    void aYoungLedgerWithADocumentNotYetStoredIsKeptUntilItsInsertHappens() {
        String topic = "chassis.outbox.ledger.young";
        List<OutboxRelay.Written> planned = List.of(new OutboxRelay.Written("young-0", List.of(event(topic, "young-0", 0))),
                new OutboxRelay.Written("young-1", List.of(event(topic, "young-1", 1))));
        String ledger = relay(kafka, List.of(), Duration.ofMinutes(5)).openLedger("young_chunks", planned).block();
        storeUnderLedger("young_chunks", "young-0", ledger);

        // another instance's sweep while young-1's insert is still on its way
        OutboxRelay other = relay(kafka, List.of("young_chunks"), Duration.ofMinutes(5));
        assertThat(other.sweep().block()).isEqualTo(1);
        assertThat(ledgers("young_chunks")).as("kept: young-1 may still be stored").isEqualTo(1);

        storeUnderLedger("young_chunks", "young-1", ledger);
        assertThat(other.sweep().block()).isEqualTo(1);
        assertThat(ledgers("young_chunks")).isZero();
        assertThat(read(topic, r -> r.size() >= 2)).extracting(ConsumerRecord::key).containsExactly("young-0", "young-1");
    }

    @Test
    void aLedgerWhoseBulkInsertFailedInThisServiceIsSweptOnceItsGraceIsOver() {
        String topic = "chassis.outbox.ledger.failed";
        List<OutboxRelay.Written> planned = List.of(new OutboxRelay.Written("failed-0", List.of(event(topic, "failed-0", 0))),
                new OutboxRelay.Written("failed-1", List.of(event(topic, "failed-1", 1))));
        OutboxRelay relay = relay(kafka, List.of("failed_chunks"), Duration.ofSeconds(5));
        String ledger = relay.openLedger("failed_chunks", planned).block();
        // the bulk insert stored failed-0, then failed: the caller never reaches relayLedger
        storeUnderLedger("failed_chunks", "failed-0", ledger);

        assertThat(relay.sweep().block()).as("the chunk may still be in flight here").isZero();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(relay.sweep().block()).isEqualTo(1));
        assertThat(ledgers("failed_chunks")).isZero();
        assertThat(read(topic, r -> !r.isEmpty())).extracting(ConsumerRecord::key).containsExactly("failed-0");
    }

    @Test
    void aChunkStoredWhileKafkaIsDownKeepsItsLedgerAndIsPublishedBeforeTheDocumentsLaterEvents() {
        String topic = "chassis.outbox.ledger.down";
        KafkaTemplate<String, String> deadKafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + FreePorts.next(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 500), new StringSerializer(), new StringSerializer()));
        OutboxRelay withoutKafka = relay(deadKafka, List.of(), Duration.ofMinutes(5));
        OutboxMessage published = event(topic, "down-0", 1);
        List<OutboxRelay.Written> planned = List.of(new OutboxRelay.Written("down-0", List.of(published)),
                new OutboxRelay.Written("down-1", List.of(event(topic, "down-1", 1))));
        String ledger = withoutKafka.openLedger("down_chunks", planned).block();
        storeUnderLedger("down_chunks", "down-0", ledger);
        storeUnderLedger("down_chunks", "down-1", ledger);
        assertThat(withoutKafka.relayLedger("down_chunks", ledger, planned).onErrorReturn(-1).block()).isEqualTo(-1);
        assertThat(ledgers("down_chunks")).as("the stored chunk still owes its events").isEqualTo(1);

        // down-0 is revised meanwhile: its new event waits in its own outbox, and must not overtake the first
        OutboxMessage revised = event(topic, "down-0", 2);
        mongo.updateFirst(org.springframework.data.mongodb.core.query.Query.query(
                        org.springframework.data.mongodb.core.query.Criteria.where("_id").is("down-0")),
                new org.springframework.data.mongodb.core.query.Update().push(OutboxMessage.FIELD, converter.convertToMongoType(revised)),
                "down_chunks").block();
        OutboxRelay withKafka = relay(kafka, List.of("down_chunks"), Duration.ofMinutes(5));
        assertThat(withKafka.relay("down_chunks", "down-0").block()).as("the fast path of the revision waits for the ledger").isZero();

        assertThat(withKafka.sweep().block()).isEqualTo(3);
        List<ConsumerRecord<String, String>> records = read(topic, r -> r.size() >= 3);
        assertThat(records.stream().filter(r -> r.key().equals("down-0")).map(r -> header(r, CloudEventHeaders.ID)))
                .containsExactly(published.eventId(), revised.eventId());
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("down-0", "down-0", "down-1");
        assertThat(ledgers("down_chunks")).isZero();
        assertThat(mongo.findById("down-0", Document.class, "down_chunks").block().getList(OutboxMessage.FIELD, Object.class)).isEmpty();
        deadKafka.destroy();
    }
}
