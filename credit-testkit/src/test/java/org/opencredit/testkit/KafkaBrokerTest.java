package org.opencredit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {

    @TempDir
    Path dir;

    @Test
    void brokerOnAFixedDirectoryKeepsMessagesAcrossARestart() throws Exception {
        int port = FreePorts.next();
        int controllerPort = FreePorts.next();
        Path logDir = dir.resolve("kafka");
        try (KafkaBroker broker = KafkaBroker.start(logDir, port, controllerPort)) {
            produce(broker.bootstrapServers(), "testkit.restart", "91350100M000100Y43", "before restart");
        }
        assertThat(Files.exists(logDir.resolve("meta.properties"))).isTrue();
        try (KafkaBroker again = KafkaBroker.start(logDir, port, controllerPort)) {
            List<ConsumerRecord<String, String>> records = consumeAll(again.bootstrapServers(), "testkit.restart", 1);
            assertThat(records).extracting(ConsumerRecord::value).containsExactly("before restart");
            assertThat(records.get(0).key()).isEqualTo("91350100M000100Y43");
        }
    }

    @Test
    void extensionInfrastructureAnswersOnItsAdvertisedAddress() throws Exception {
        CreditInfrastructure.Running infra = CreditInfrastructure.get();
        produce(infra.bootstrapServers(), "testkit.smoke", "k", "v");
        assertThat(consumeAll(infra.bootstrapServers(), "testkit.smoke", 1)).extracting(ConsumerRecord::value).containsExactly("v");
        assertThat(System.getProperty("spring.kafka.bootstrap-servers")).isEqualTo(infra.bootstrapServers());
    }

    static void produce(String bootstrap, String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    static List<ConsumerRecord<String, String>> consumeAll(String bootstrap, String topic, int expected) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "testkit-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> out = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (out.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
            return out;
        }
    }
}
