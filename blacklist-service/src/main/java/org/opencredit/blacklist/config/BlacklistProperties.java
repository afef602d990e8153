package org.opencredit.blacklist.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of blacklist-service (prefix {@code opencredit.blacklist}).
 *
 * @param personPepper        secret key of the identity-number pseudonyms ({@code person:<hex>}); env
 *                            OPENCREDIT_PERSON_PEPPER, required (no value is committed; the local platform generates
 *                            one): set it before real data arrives, and never change it afterwards (keys would no longer match)
 * @param expirySweepInterval how often listed entries whose period ended are expired
 * @param listingRules        which credit records propose which list entries (automatic proposals)
 * @param metricsInterval     how often the entry and objection gauges are recounted (one aggregation over the ledgers)
 */
@ConfigurationProperties("opencredit.blacklist")
public record BlacklistProperties(String personPepper, Duration expirySweepInterval, List<ListingRule> listingRules,
                                  Duration metricsInterval) {

    public BlacklistProperties {
        expirySweepInterval = expirySweepInterval == null ? Duration.ofHours(1) : expirySweepInterval;
        metricsInterval = metricsInterval == null ? Duration.ofMinutes(1) : metricsInterval;
        listingRules = listingRules == null ? List.of(
                new ListingRule("JUDGMENT_DEFAULTER", null, "JUDGMENT_DEFAULTER"),
                new ListingRule("TAX_MAJOR_VIOLATION", null, "MAJOR_TAX_VIOLATION")) : List.copyOf(listingRules);
    }

    /**
     * A published record of {@code category} (and of {@code severity}, when given) proposes an entry on
     * {@code listType}; the list's issuing authority then notifies and confirms it.
     */
    public record ListingRule(String category, String severity, String listType) {
    }
}
