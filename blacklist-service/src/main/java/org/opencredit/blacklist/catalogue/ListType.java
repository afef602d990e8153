package org.opencredit.blacklist.catalogue;

import java.util.List;

/**
 * A kind of list, with what the law says about it.
 *
 * @param polarity             NEGATIVE (blacklists) or POSITIVE (red lists)
 * @param issuingAuthority     the department code whose systems may decide entries of this list, {@code null}
 *                             when only the credit office records them (e.g. lists handed over by trade associations)
 * @param subjectKinds         LEGAL_PERSON and/or NATURAL_PERSON
 * @param objectionWindowDays  days after notice during which the subject may object; listing waits for its end
 * @param objectionAnswerDays  days the authority has to answer an objection
 */
public record ListType(String code, String name, String nameEn, String polarity, String legalBasis, String issuingAuthority,
                       List<String> subjectKinds, String entryCriteria, Period period, int objectionWindowDays,
                       int objectionAnswerDays, String removalConditions, String remedies) {

    /** How long an entry stays listed, and whether (and by how much) it may be extended. */
    public record Period(int months, Extension extension) {
    }

    /** An extension in whole years, within [minYears, maxYears], once per entry. */
    public record Extension(int minYears, int maxYears, String grounds) {
    }

    public boolean positive() {
        return "POSITIVE".equals(polarity);
    }
}
