package org.opencredit.blacklist.list;

import java.time.LocalDate;
import java.util.List;

/**
 * A list entry as the credit office publishes it: no identity number (a person appears masked), no
 * objection or history details.
 */
public record PublicEntry(String entryId, String listType, String listName, String status, String subjectKind, String subjectName,
                          String uscc, String maskedIdentityNumber, String facts, String legalBasis, String decisionNumber,
                          String authority, LocalDate listedOn, LocalDate expiresOn, LocalDate endedOn, List<String> measures) {
}
