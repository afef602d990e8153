package org.opencredit.testkit;

import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.opencredit.contracts.events.EventEnvelope;

/** Publishes events the way producers do (CloudEvents binary mode, key = subject), for consumer tests. */
public final class EventPublisher implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    public EventPublisher(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    public void publish(String topic, EventEnvelope event) {
        RecordHeaders headers = new RecordHeaders();
        event.headers().forEach(headers::add);
        send(new ProducerRecord<>(topic, null, event.subject(), event.data(), headers));
    }

    /** Hands the event to the producer without waiting for the broker (benchmarks publishing at a rate); see {@link #flush}. */
    public java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> publishAsync(String topic, EventEnvelope event) {
        RecordHeaders headers = new RecordHeaders();
        event.headers().forEach(headers::add);
        return producer.send(new ProducerRecord<>(topic, null, event.subject(), event.data(), headers));
    }

    /** Waits until every event handed over so far is acknowledged. */
    public void flush() {
        producer.flush();
    }

    /** Sends a raw record without envelope headers: a poison message. */
    public void publishRaw(String topic, String key, String value) {
        send(new ProducerRecord<>(topic, key, value));
    }

    private void send(ProducerRecord<String, String> record) {
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("publish to " + record.topic() + " failed", e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
