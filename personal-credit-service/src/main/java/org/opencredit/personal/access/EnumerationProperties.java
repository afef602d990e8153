package org.opencredit.personal.access;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When a partner looks like it is walking through identity numbers.
 *
 * @param window     the sliding window counts are kept over
 * @param maxPersons different persons (found or not) a partner may ask for within one window
 * @param maxDenials refused reads a partner may collect within one window
 * @param block      how long a partner that crossed a limit is refused (429)
 */
@ConfigurationProperties("opencredit.personal.enumeration")
public record EnumerationProperties(Duration window, Integer maxPersons, Integer maxDenials, Duration block) {
    public EnumerationProperties {
        window = window == null ? Duration.ofMinutes(1) : window;
        maxPersons = maxPersons == null ? 60 : maxPersons;
        maxDenials = maxDenials == null ? 20 : maxDenials;
        block = block == null ? Duration.ofMinutes(10) : block;
    }
}
