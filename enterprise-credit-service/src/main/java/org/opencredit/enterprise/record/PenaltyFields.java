package org.opencredit.enterprise.record;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The double-publicity fields of an administrative penalty (national standard field set). Amounts
 * are in yuan; department CSV files give them in units of 10,000 yuan and are converted on ingest.
 */
public record PenaltyFields(String documentNumber, String violationType, String facts, String legalBasis,
                            String penaltyCategory, String penaltyContent, BigDecimal fineAmount, BigDecimal confiscatedAmount,
                            String licenceAffected, LocalDate penaltyValidUntil, String authority, String authorityUscc,
                            String sourceDepartment, String sourceDepartmentUscc, String remarks) {
}
