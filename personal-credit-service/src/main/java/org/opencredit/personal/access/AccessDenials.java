package org.opencredit.personal.access;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Counts refused accesses to personal data by reason: {@code opencredit.persons.access.denied{reason}}
 * (Prometheus {@code opencredit_persons_access_denied_total}). The reasons are few and fixed (the problem
 * types map onto them), and all are registered at zero at startup so every series exists before the
 * first denial.
 */
@Component
public class AccessDenials {

    public static final String METRIC = "opencredit.persons.access.denied";
    public static final String PURPOSE_MISSING = "purpose-missing";
    public static final String PURPOSE_NOT_ALLOWED = "purpose-not-allowed";
    public static final String CONSENT_REQUIRED = "consent-required";
    public static final String CONSENT_INVALID = "consent-invalid";
    public static final String ENUMERATION = "enumeration";
    public static final String SCOPE = "scope";
    public static final String REVEAL = "reveal-not-allowed";
    public static final String OTHER = "other";
    public static final List<String> REASONS = List.of(PURPOSE_MISSING, PURPOSE_NOT_ALLOWED, CONSENT_REQUIRED, CONSENT_INVALID,
            ENUMERATION, SCOPE, REVEAL, OTHER);

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    AccessDenials(MeterRegistry registry) {
        for (String reason : REASONS) {
            counters.put(reason, Counter.builder(METRIC).description("refused accesses to personal data, by reason")
                    .tag("reason", reason).register(registry));
        }
    }

    /** Counts one refusal with this problem slug (e.g. {@code purpose-required}, {@code consent-revoked}). */
    public void denied(String slug) {
        counters.get(reasonOf(slug)).increment();
    }

    /** Counts one refusal for a missing scope (the security layer's 403, before any handler runs). */
    public void deniedForScope() {
        counters.get(SCOPE).increment();
    }

    static String reasonOf(String slug) {
        if (slug == null) {
            return OTHER;
        }
        return switch (slug) {
            case "purpose-required" -> PURPOSE_MISSING;
            case "purpose-not-allowed" -> PURPOSE_NOT_ALLOWED;
            case "consent-required" -> CONSENT_REQUIRED;
            case "enumeration-suspected" -> ENUMERATION;
            case "reveal-not-allowed" -> REVEAL;
            default -> slug.startsWith("consent-") ? CONSENT_INVALID : OTHER;
        };
    }
}
