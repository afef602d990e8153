package org.opencredit.rating.config;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param defaultModels  the model each subject kind starts with (before any activation), e.g. LEGAL_PERSON: enterprise@2026.1
 * @param reviewInterval how often the scheduled review looks for ratings that time alone changes
 * @param jobBatchSize   subjects per bulk write of a re-rating job
 * @param metricsInterval how often the grade distribution gauge is recounted
 * @param jobAutostart   whether activating a model starts its job at once (tests drive jobs step by step)
 * @param jobResumeInterval how often to look for jobs whose runner died (lease expired) and resume them
 */
@ConfigurationProperties("opencredit.rating")
public record RatingProperties(Map<String, String> defaultModels, Duration reviewInterval, Integer jobBatchSize,
                               Duration metricsInterval, Boolean jobAutostart, Duration jobResumeInterval) {
    public RatingProperties {
        defaultModels = defaultModels == null || defaultModels.isEmpty()
                ? Map.of("LEGAL_PERSON", "enterprise@2026.1", "NATURAL_PERSON", "person@2026.1") : Map.copyOf(defaultModels);
        reviewInterval = reviewInterval == null ? Duration.ofMinutes(10) : reviewInterval;
        jobBatchSize = jobBatchSize == null ? 1000 : jobBatchSize;
        metricsInterval = metricsInterval == null ? Duration.ofSeconds(60) : metricsInterval;
        jobAutostart = jobAutostart == null || jobAutostart;
        jobResumeInterval = jobResumeInterval == null ? Duration.ofSeconds(10) : jobResumeInterval;
    }
}
