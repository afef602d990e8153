package org.opencredit.rating.model;

import java.time.LocalDate;
import java.util.List;

/**
 * The result of a model applied to a subject's facts on a day, with its explanation: every factor
 * names the record or list entry behind it and the points it gave.
 *
 * @param model        the model key ({@code id@version}) that produced it
 * @param score        total on the model's scale: the weighted sum of the dimension scores
 * @param grade        A, B, C or D (for persons the model's bands carry the same codes)
 * @param gradeLabel   the band's name in the model
 * @param override     why the grade was forced or capped; null when it follows from the score
 * @param nextChangeOn the first day on which time alone may change this rating (a decay step, the
 *                     end of a publicity period, the end of a list entry); null when nothing is due
 */
public record Rating(String model, int score, String grade, String gradeLabel, LocalDate asOf, List<Factor> factors,
                     List<DimensionScore> dimensions, String override, LocalDate nextChangeOn) {

    /**
     * One line of the explanation.
     *
     * @param source         RECORD or LIST
     * @param sourceId       the record id or list entry id
     * @param code           the catalogue category or list type
     * @param points         the model's points for it before decay
     * @param decayFactor    the share of the points that still counts (1 when the factor does not decay)
     * @param appliedPoints  points added to the dimension's score
     * @param weightedPoints what it moved the total by (applied points times the dimension weight)
     * @param note           why it did not count fully (decay step, beyond the category's maximum count), or null
     */
    public record Factor(String source, String sourceId, String code, String severity, String dimension, int points,
                         double decayFactor, int appliedPoints, double weightedPoints, String note) {
    }

    /** A dimension's score after its factors, clamped to the scale. */
    public record DimensionScore(String code, String name, double weight, int base, int score) {
    }
}
