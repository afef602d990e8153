package org.opencredit.personal.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.opencredit.chassis.problem.ProblemException;
import org.opencredit.chassis.security.Caller;
import org.opencredit.contracts.security.ClientKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Detects a partner enumerating identity numbers: too many different persons, or too many refused
 * reads, within a window. Such a partner is refused (429) for a while and the detection is counted
 * ({@code opencredit.persons.enumeration.suspected}). Counts live in this instance's memory: with
 * several replicas each applies the limits to the share of traffic it sees.
 */
@Component
public class EnumerationGuard {

    private static final Logger log = LoggerFactory.getLogger(EnumerationGuard.class);

    private final EnumerationProperties properties;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    EnumerationGuard(EnumerationProperties properties, Clock clock, MeterRegistry registry) {
        this.properties = properties;
        this.clock = clock;
        this.registry = registry;
    }

    private static final class Window {
        Instant start;
        final Set<String> persons = new HashSet<>();
        int denials;
        Instant blockedUntil = Instant.MIN;
    }

    /** The 429 refusal for a blocked partner, or null. */
    ProblemException refusal(Caller caller) {
        if (caller.kind() != ClientKind.PARTNER) {
            return null;
        }
        Window w = windows.get(caller.clientId());
        if (w == null) {
            return null;
        }
        Instant now = clock.instant();
        synchronized (w) {
            if (now.isBefore(w.blockedUntil)) {
                Counter.builder("opencredit.persons.enumeration.throttled").description("reads refused to a partner suspected of enumeration")
                        .tag("client", caller.clientId()).register(registry).increment();
                long seconds = Math.max(1, Duration.between(now, w.blockedUntil).toSeconds());
                return new ThrottledException(seconds);
            }
        }
        return null;
    }

    /** Counts one read of {@code personKey} (a person reference, or a keyed hash for unknown numbers) and whether it was refused. */
    void count(Caller caller, String personKey, boolean denied) {
        if (caller.kind() != ClientKind.PARTNER) {
            return;
        }
        Instant now = clock.instant();
        Window w = windows.computeIfAbsent(caller.clientId(), k -> new Window());
        synchronized (w) {
            if (w.start == null || !now.isBefore(w.start.plus(properties.window()))) {
                w.start = now;
                w.persons.clear();
                w.denials = 0;
            }
            if (personKey != null) {
                w.persons.add(personKey);
            }
            if (denied) {
                w.denials++;
            }
            boolean tooMany = w.persons.size() > properties.maxPersons() || w.denials > properties.maxDenials();
            if (tooMany && !now.isBefore(w.blockedUntil)) {
                w.blockedUntil = now.plus(properties.block());
                Counter.builder("opencredit.persons.enumeration.suspected")
                        .description("partners detected asking for too many persons or refused too often in a window")
                        .tag("client", caller.clientId()).register(registry).increment();
                log.warn("partner {} suspected of enumerating persons ({} persons, {} refusals in {}); blocked for {}",
                        caller.clientId(), w.persons.size(), w.denials, properties.window(), properties.block());
            }
        }
    }
}
