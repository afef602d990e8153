package org.opencredit.chassis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param region               the province's GB/T 2260 code, a common metric tag
 * @param topicPartitions      partitions of each platform topic created at startup
 * @param topicReplicas        replication factor of created topics (3 in production)
 * @param retryInitialInterval first consumer retry delay; doubles up to 8x
 * @param retryMaxAttempts     attempts before a record goes to the dead-letter topic
 */
@ConfigurationProperties("opencredit")
public record ChassisProperties(String region, Integer topicPartitions, Short topicReplicas, Duration retryInitialInterval,
                                Integer retryMaxAttempts) {
    public ChassisProperties {
        region = region == null ? "350000" : region;
        topicPartitions = topicPartitions == null ? 3 : topicPartitions;
        topicReplicas = topicReplicas == null ? (short) 1 : topicReplicas;
        retryInitialInterval = retryInitialInterval == null ? Duration.ofMillis(500) : retryInitialInterval;
        retryMaxAttempts = retryMaxAttempts == null ? 4 : retryMaxAttempts;
    }
}
