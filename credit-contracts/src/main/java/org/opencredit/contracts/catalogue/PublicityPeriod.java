package org.opencredit.contracts.catalogue;

import java.time.LocalDate;

/**
 * How long a record of one severity is published, counted from its decision date.
 *
 * @param minMonths          earliest end of publication (and earliest credit repair)
 * @param maxMonths          publication ends automatically at the latest here
 * @param publishedByDefault minor information is normally not published at all
 */
public record PublicityPeriod(int minMonths, int maxMonths, boolean publishedByDefault) {

    public PublicityPeriod {
        if (minMonths < 0 || maxMonths < minMonths) {
            throw new IllegalArgumentException("publicity period needs 0 <= minMonths <= maxMonths, got " + minMonths + ".." + maxMonths);
        }
    }

    public LocalDate earliestEnd(LocalDate decisionDate) {
        return decisionDate.plusMonths(minMonths);
    }

    public LocalDate latestEnd(LocalDate decisionDate) {
        return decisionDate.plusMonths(maxMonths);
    }
}
