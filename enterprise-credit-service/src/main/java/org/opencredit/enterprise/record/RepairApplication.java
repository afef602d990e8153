package org.opencredit.enterprise.record;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A subject's application to repair a record (DOMAIN §3): it has served the minimum publicity
 * period, fulfilled its legal obligations and made a public credit commitment. The platform
 * answers within 10 working days, the deciding authority decides within 3.
 *
 * @param status PENDING, APPROVED or REFUSED
 */
public record RepairApplication(String applicationId, String applicant, String obligationsEvidence, String commitment,
                                Instant appliedAt, LocalDate answerDue, String status, String decidedBy, String decisionReason,
                                Instant decidedAt) {
    public static final String PENDING = "PENDING";
    public static final String APPROVED = "APPROVED";
    public static final String REFUSED = "REFUSED";
    public static final int ANSWER_WORKING_DAYS = 10;
}
