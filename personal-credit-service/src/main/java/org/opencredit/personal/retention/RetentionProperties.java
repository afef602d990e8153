package org.opencredit.personal.retention;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param interval  how often the retention job looks for negative records past their five years
 * @param batchSize records deleted per run at most
 */
@ConfigurationProperties("opencredit.personal.retention")
public record RetentionProperties(Duration interval, Integer batchSize) {
    public RetentionProperties {
        interval = interval == null ? Duration.ofHours(1) : interval;
        batchSize = batchSize == null ? 500 : batchSize;
    }
}
