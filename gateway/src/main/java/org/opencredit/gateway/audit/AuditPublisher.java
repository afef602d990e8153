package org.opencredit.gateway.audit;

import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.opencredit.contracts.events.AccessAudited;
import org.opencredit.contracts.events.EventEnvelope;
import org.opencredit.contracts.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends audit events to {@link Topics#ACCESS_AUDIT} from one background thread, never from the
 * request path: a Kafka outage must not slow or fail API calls. Events wait in a bounded queue
 * (10,000); when it is full, new events are dropped and counted
 * ({@code opencredit_gateway_audit_dropped_total}) — the structured audit log line, written for
 * every request, remains the complete record.
 */
public class AuditPublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditPublisher.class);

    private final KafkaTemplate<String, String> kafka;
    /** An audit event with its JSON, already serialised for the log line. */
    private record Pending(AccessAudited event, String json) {
    }

    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(10_000);
    private final Counter dropped;
    private final Counter failed;
    private volatile Thread worker;
    private volatile boolean running;

    public AuditPublisher(KafkaTemplate<String, String> kafka, MeterRegistry meters) {
        this.kafka = kafka;
        this.dropped = Counter.builder("opencredit.gateway.audit.dropped").description("audit events dropped because the queue was full").register(meters);
        this.failed = Counter.builder("opencredit.gateway.audit.failed").description("audit events Kafka did not accept").register(meters);
        Gauge.builder("opencredit.gateway.audit.queue", queue, BlockingQueue::size).description("audit events waiting for Kafka").register(meters);
    }

    public void publish(AccessAudited event, String json) {
        if (!queue.offer(new Pending(event, json))) {
            dropped.increment();
        }
    }

    private void drain() {
        while (running || !queue.isEmpty()) {
            try {
                Pending pending = queue.poll(200, TimeUnit.MILLISECONDS);
                if (pending == null) {
                    continue;
                }
                AccessAudited event = pending.event();
                String key = event.client() == null ? "anonymous" : event.client();
                EventEnvelope envelope = new EventEnvelope(UUID.randomUUID().toString(), AccessAudited.TYPE, "/gateway", key,
                        event.time(), pending.json());
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.ACCESS_AUDIT, key, envelope.data());
                envelope.headers().forEach((name, value) -> record.headers().add(name, value));
                kafka.send(record).whenComplete((result, error) -> {
                    if (error != null) {
                        failed.increment();
                        log.warn("audit event {} not accepted by Kafka: {}", event.correlationId(), error.toString());
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failed.increment();
                log.warn("audit event could not be sent: {}", e.toString());
            }
        }
    }

    @Override
    public void start() {
        running = true;
        Thread w = new Thread(this::drain, "audit-publisher");
        w.setDaemon(true);
        w.start();
        worker = w;
    }

    @Override
    public void stop() {
        running = false;
        Thread w = worker;
        if (w != null) {
            try {
                w.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        kafka.flush();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
