package org.opencredit.chassis.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.opencredit.contracts.events.MalformedEventException;
import org.opencredit.contracts.events.Topics;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Retry with exponential back-off, then dead-letter to {@code <topic>-dlt}; the recoverer puts the
 * exception class, message and stack trace and the original topic, partition and offset in
 * headers. Malformed events and JSON errors are not retried.
 */
public final class ConsumerErrorHandling {

    private ConsumerErrorHandling() {
    }

    public static DefaultErrorHandler errorHandler(KafkaOperations<?, ?> template, MeterRegistry registry,
                                                   long initialIntervalMs, int maxAttempts) {
        // registered at zero for every platform topic, so dashboards and alerts see a series before the first dead letter
        for (String topic : Topics.ALL) {
            registry.counter("opencredit.events.dead.lettered", "topic", topic);
        }
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, ex) -> {
                    registry.counter("opencredit.events.dead.lettered", "topic", record.topic()).increment();
                    return new TopicPartition(Topics.deadLetter(record.topic()), record.partition());
                });
        ExponentialBackOff backOff = new ExponentialBackOff(initialIntervalMs, 2.0);
        backOff.setMaxInterval(initialIntervalMs * 8);
        backOff.setMaxAttempts(maxAttempts);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(MalformedEventException.class, tools.jackson.core.JacksonException.class);
        return handler;
    }
}
