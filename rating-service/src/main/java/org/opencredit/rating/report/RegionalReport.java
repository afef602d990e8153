package org.opencredit.rating.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The credit office's regional credit report.
 *
 * @param region      the GB/T 2260 prefix reported on ("33" for the province, "3301" for a city...)
 * @param enterprises grade distribution of legal persons, by sub-region (the next division level) and industry section
 * @param persons     grade (band) distribution of persons
 * @param listEntries list entries in force, by list type
 * @param indicators  the province's indicators (DOMAIN §1), with target and whether it is met; those this
 *                    platform has no data for say so rather than show a number
 * @param trend       the grade distribution at the end of each month in the period, from daily snapshots
 */
public record RegionalReport(String region, LocalDate asOf, LocalDate from, LocalDate to, Distribution enterprises,
                             List<Row> byRegion, List<Row> byIndustry, Distribution persons, Map<String, Long> listEntries,
                             List<Indicator> indicators, List<TrendPoint> trend) {

    public record Distribution(long rated, Map<String, Long> byGrade, Map<String, Double> shareByGrade) {
    }

    /** One line of a breakdown: the group (a division code or an industry section) and its grade counts. */
    public record Row(String group, long total, long a, long b, long c, long d) {
    }

    /**
     * @param value null when not measured (then {@code note} says why)
     */
    public record Indicator(String code, String name, Double value, Double target, Boolean met, Long numerator, Long denominator,
                            String note) {
    }

    public record TrendPoint(LocalDate day, long a, long b, long c, long d) {
    }
}
