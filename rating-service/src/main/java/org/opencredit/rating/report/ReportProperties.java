package org.opencredit.rating.report;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Registered totals the province's indicators are measured against (DOMAIN §1).
 *
 * @param registeredEnterprises enterprises registered in the province (792,000 in the source province)
 * @param keyGroupPopulation    people in the key groups (the personal database's target population)
 * @param localGovernments      local governments (county-level divisions) expected to use the platform
 */
@ConfigurationProperties("opencredit.rating.report")
public record ReportProperties(Long registeredEnterprises, Long keyGroupPopulation, Long localGovernments) {
}
