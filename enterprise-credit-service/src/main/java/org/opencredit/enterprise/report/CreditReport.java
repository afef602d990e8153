package org.opencredit.enterprise.report;

import java.time.Instant;
import java.util.List;

import org.opencredit.enterprise.record.CreditRecord;
import org.opencredit.enterprise.subject.Subject;

/**
 * The enterprise credit report: who the subject is, the records currently in publicity grouped by
 * category (negative, positive, neutral), the current rating and the list entries in force.
 * Withdrawn, expired, repaired and unpublished records never appear.
 *
 * @param subject  the registry profile; null if the subject is known only from records
 * @param rating   null while rating-service has not rated the subject
 */
public record CreditReport(String uscc, String name, Subject subject, List<CategoryGroup> negative,
                           List<CategoryGroup> positive, List<CategoryGroup> neutral, Rating rating,
                           List<ListEntry> listEntries, Instant generatedAt, String catalogueVersion) {

    /** The records of one category. */
    public record CategoryGroup(String category, String categoryName, String legalBasis, int count, List<CreditRecord> records) {
    }

    public record Rating(String grade, int score, String modelVersion, Instant ratedAt) {
    }

    public record ListEntry(String entryId, String listType, String listName, java.time.LocalDate listedOn,
                            java.time.LocalDate expiresOn, String legalBasis, List<String> measures) {
    }
}
