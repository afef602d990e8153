package org.opencredit.testkit.data;

import java.time.LocalDate;

/**
 * A generated credit record. Category, severity, polarity and department come from the contracts' catalogue;
 * {@code publicityEnds} is the decision date plus the category's maximum months for the severity.
 *
 * @param outcome what the record says beyond its category, or {@code null}: {@code "A"} for a TAX_CREDIT_GRADE
 *                (the generator only emits grade A), {@code "KEPT"} for a CREDIT_COMMITMENT (broken ones are
 *                COMMITMENT_BREACH records)
 */
public record GeneratedRecord(String recordId, String category, String severity, String polarity, String department,
                              LocalDate decisionDate, LocalDate publicityEnds, String outcome) {

    public GeneratedRecord(String recordId, String category, String severity, String polarity, String department,
                           LocalDate decisionDate, LocalDate publicityEnds) {
        this(recordId, category, severity, polarity, department, decisionDate, publicityEnds, null);
    }

    /** Still in publicity on {@code day}: decided on or before it and ending after it. */
    public boolean inPublicityOn(LocalDate day) {
        return !decisionDate.isAfter(day) && publicityEnds.isAfter(day);
    }
}
