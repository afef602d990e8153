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
 * @param ledgerGrace   how old a chunk ledger must be before the sweep gives up on documents it lists
 *                      that were never stored (a crash between the ledger and the bulk insert); until
 *                      then another instance may still be inserting them
 */
@ConfigurationProperties("opencredit.outbox")
public record OutboxProperties(List<String> collections, Duration sweepInterval, Integer batchSize, Duration sendTimeout,
                               Duration idleSweepInterval, Duration ledgerGrace) {
    @org.springframework.boot.context.properties.bind.ConstructorBinding
    public OutboxProperties {
        ledgerGrace = ledgerGrace == null ? Duration.ofMinutes(5) : ledgerGrace;
        idleSweepInterval = idleSweepInterval == null ? Duration.ofSeconds(60) : idleSweepInterval;
        collections = collections == null ? List.of() : List.copyOf(collections);
        sweepInterval = sweepInterval == null ? Duration.ofSeconds(2) : sweepInterval;
        batchSize = batchSize == null ? 500 : batchSize;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(15) : sendTimeout;
    }

    public OutboxProperties(List<String> collections, Duration sweepInterval, Integer batchSize, Duration sendTimeout,
                            Duration idleSweepInterval) {
        this(collections, sweepInterval, batchSize, sendTimeout, idleSweepInterval, null);
    }
}
