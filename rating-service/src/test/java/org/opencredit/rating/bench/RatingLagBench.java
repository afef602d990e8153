package org.opencredit.rating.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.opencredit.contracts.events.EventEnvelope;
import org.opencredit.contracts.events.EventTypes;
import org.opencredit.contracts.events.Topics;
import org.opencredit.rating.RatingApplication;
import org.opencredit.testkit.CreditInfrastructure;
import org.opencredit.testkit.EventPublisher;
import org.opencredit.testkit.data.GeneratedEnterprise;
import org.opencredit.testkit.data.GeneratedRecord;
import org.opencredit.testkit.data.ProvinceDataGenerator;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Event-driven re-rating against an ingest-rate stream of record events (not a test: run by hand,
 * command in bench/RESULTS.md). Publishes the records of generated enterprises to the record topic
 * at a fixed rate (the enterprise service's measured bulk-ingest rate), then measures the rating
 * consumer group's lag every 250 ms until it is back to zero. Service, broker, store and publisher
 * share this JVM.
 * <p>
 * Arguments: [records=30000] [rate=5000 per second] [warm-up records=2000]: the warm-up (other subjects, at the same
 * rate, then until the lag is zero) lets the JIT compile the consumer's path before the measured run (on two cores it
 * takes about 90 s of traffic to reach steady state).
 */
public final class RatingLagBench {

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        String bootstrap = CreditInfrastructure.get().bootstrapServers();
        // the service's own configuration only: the test configuration on this classpath sweeps the outbox every
        // 300 ms (a scan of all subjects on the embedded store while it keeps finding messages), production every 2 s
        System.setProperty("spring.config.location", "classpath:/application.yml");
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(RatingApplication.class)
                // arguments, not default properties: the service's application.yml would override those (server.port among them)
                .run("--server.port=0", "--eureka.client.enabled=false", "--logging.level.root=WARN", "--logging.level.org.opencredit=WARN");
        String group = "rating-service.ratings.records";
        LocalDate today = LocalDate.now();
        try (EventPublisher events = new EventPublisher(bootstrap); Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            // warm-up: other subjects' events, then wait until they are consumed
            long w = System.nanoTime();
            publish(events, today, 1_000_000, warmUp, Math.min(rate, warmUp));
            events.flush();
            waitForZeroLag(admin, group, Duration.ofMinutes(10));
            System.out.printf("warm-up done: %d record events consumed in %.1f s%n", warmUp, (System.nanoTime() - w) / 1e9);

            long start = System.nanoTime();
            int sent = publish(events, today, 0, total, rate);
            events.flush();
            double ingestSeconds = (System.nanoTime() - start) / 1e9;
            long lagAtEnd = lag(admin, group);
            System.out.printf("published %d record events in %.1f s (%.0f/s); lag when ingest ended: %d%n", sent, ingestSeconds,
                    sent / ingestSeconds, lagAtEnd);
            long ended = System.nanoTime();
            long peak = lagAtEnd;
            while (true) {
                long lag = lag(admin, group);
                peak = Math.max(peak, lag);
                if (lag == 0) {
                    break;
                }
                Thread.sleep(250);
            }
            double drain = (System.nanoTime() - ended) / 1e9;
            System.out.printf("lag back to zero %.1f s after ingest ended (target <= 10 s); consumer throughput over the whole run %.0f events/s%n",
                    drain, sent / ((System.nanoTime() - start) / 1e9));
        }
        ctx.close();
        System.exit(0);
    }

    /** Publishes {@code count} record events of generated enterprises (from index {@code from}) at {@code rate} per second. */
    static int publish(EventPublisher events, LocalDate today, int from, int count, int rate) {
        ProvinceDataGenerator generator = new ProvinceDataGenerator(42, today);
        long start = System.nanoTime();
        int sent = 0;
        int index = from;
        while (sent < count) {
            GeneratedEnterprise e = generator.enterprise(index++);
            List<GeneratedRecord> records = e.records();
            if (records.isEmpty()) {
                // an ordinary subject's licence, as most of a bureau's nightly file is
                records = List.of(new GeneratedRecord(e.uscc() + "-lic", "ADMIN_LICENCE", "NONE", "NEUTRAL", "MARKET_SUPERVISION",
                        today.minusDays(1), today.plusYears(3)));
            }
            for (GeneratedRecord r : records) {
                if (sent == count) {
                    break;
                }
                String data = "{\"recordId\":\"" + r.recordId() + "\",\"uscc\":\"" + e.uscc() + "\",\"category\":\"" + r.category()
                        + "\",\"severity\":\"" + r.severity() + "\",\"polarity\":\"" + r.polarity() + "\",\"department\":\"" + r.department()
                        + "\",\"decisionDate\":\"" + r.decisionDate() + "\",\"publicityEnds\":\"" + r.publicityEnds()
                        + "\",\"status\":\"PUBLISHED\",\"revision\":1,\"reason\":null,\"changedAt\":\"" + Instant.now() + "\"}";
                events.publishAsync(Topics.RECORD, new EventEnvelope(UUID.randomUUID().toString(), EventTypes.RECORD_PUBLISHED_V1,
                        "/enterprise-credit-service", e.uscc(), Instant.now(), data));
                sent++;
                long due = start + (long) (sent * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 1_000_000) {
                    try {
                        Thread.sleep(wait / 1_000_000);
                    } catch (InterruptedException x) {
                        Thread.currentThread().interrupt();
                        return sent;
                    }
                }
            }
        }
        return sent;
    }

    static long lag(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        admin.describeTopics(List.of(Topics.RECORD)).allTopicNames().get().get(Topics.RECORD).partitions()
                .forEach(p -> latest.put(new TopicPartition(Topics.RECORD, p.partition()), OffsetSpec.latest()));
        long lag = 0;
        for (var e : admin.listOffsets(latest).all().get().entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            lag += e.getValue().offset() - (c == null ? 0 : c.offset());
        }
        return lag;
    }

    static void waitForZeroLag(Admin admin, String group, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (lag(admin, group) == 0) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("lag did not reach zero within " + timeout);
    }
}
