package org.opencredit.chassis.outbox;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param collections   collections whose documents carry an {@code outbox} array
 * @param sweepInterval how often the relay looks for messages the fast path did not publish
 *                      (after a crash, or while Kafka was down)
 * @param idleSweepInterval how often to sweep when nothing failed and the last sweep found nothing
 * @param batchSize     documents per sweep and collection
 * @param sendTimeout   how long one publish may take before the message is left for the next sweep
 */
@ConfigurationProperties("opencredit.outbox")
public record OutboxProperties(List<String> collections, Duration sweepInterval, Integer batchSize, Duration sendTimeout,
                               Duration idleSweepInterval) {
    public OutboxProperties {
        idleSweepInterval = idleSweepInterval == null ? Duration.ofSeconds(60) : idleSweepInterval;
        collections = collections == null ? List.of() : List.copyOf(collections);
        sweepInterval = sweepInterval == null ? Duration.ofSeconds(2) : sweepInterval;
        batchSize = batchSize == null ? 500 : batchSize;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(15) : sendTimeout;
    }
}
