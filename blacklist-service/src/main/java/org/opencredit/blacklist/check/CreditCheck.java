package org.opencredit.blacklist.check;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The answer to a credit check: the catalogued measures that apply to the scenario (each with the
 * entry behind it), the rating from the read model, the verdict and a plain summary.
 *
 * @param subject     who was checked (a person only masked)
 * @param measures    restrictions and prohibitions that apply (effect RESTRICT or PROHIBIT)
 * @param incentives  red-list incentives that apply (never change the verdict)
 * @param catalogue   version of the list catalogue the answer used
 */
public record CreditCheck(String checkId, Subject subject, String scenario, String purpose, Verdict verdict, String summary,
                          List<AppliedMeasure> measures, List<AppliedMeasure> incentives, Rating rating, String catalogue,
                          Instant checkedAt) {

    public record Subject(String kind, String uscc, String maskedIdentityNumber, String name) {
    }

    /**
     * A measure and why it applies.
     *
     * @param via LEGAL_REPRESENTATIVE when the entry is against an organisation the person represents, else SUBJECT
     */
    public record AppliedMeasure(String code, String name, String level, String effect, String legalBasis, Entry entry, String via) {
    }

    public record Entry(String entryId, String listType, String listName, String listLegalBasis, String decisionNumber,
                        String authority, LocalDate listedOn, LocalDate expiresOn, String organisation) {
    }

    /** @param status RATED or NOT_YET_RATED */
    public record Rating(String status, String grade, Integer score, String modelVersion, Instant ratedAt) {
    }
}
