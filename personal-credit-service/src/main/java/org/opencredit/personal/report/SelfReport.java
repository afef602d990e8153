package org.opencredit.personal.report;

import java.util.List;

import org.opencredit.personal.person.PersonView;
import org.opencredit.personal.record.RecordView;

/**
 * A person's own credit report.
 *
 * @param year        the calendar year the report is counted in
 * @param reportNumber which report of that year this is (1-based)
 * @param chargeable  false for the first {@value SelfReportController#FREE_PER_YEAR} of a year, true after
 */
public record SelfReport(PersonView person, List<RecordView> records, int year, long reportNumber, boolean chargeable) {
}
