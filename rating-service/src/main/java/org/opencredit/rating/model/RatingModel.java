package org.opencredit.rating.model;

import java.util.List;
import java.util.Map;

/**
 * A rating model: a declarative scorecard read from {@code models/*.yaml}, never code. Ratings store
 * the {@link #key()} of the model that produced them, so a rating can be reproduced and explained.
 *
 * @param id          the model family, e.g. {@code enterprise}; one family per subject kind
 * @param version     the version within the family, e.g. {@code 2026.1}
 * @param subjectKind LEGAL_PERSON or NATURAL_PERSON
 * @param scale       the points scale (0–1000)
 * @param dimensions  the dimensions, each with its weight and the score it starts from; weights sum to 1
 * @param records     points per catalogue category and severity (negative for negative records)
 * @param lists       points for being on a list type (positive red lists, for example)
 * @param decay       how a record's points shrink while it is in publicity
 * @param overrides   list types that force or cap the grade while an entry lasts
 * @param grades      grade thresholds, highest first; the last must start at the scale minimum
 */
public record RatingModel(String id, String version, String subjectKind, String name, String description, Scale scale,
                          List<Dimension> dimensions, List<RecordFactor> records, List<ListFactor> lists, Decay decay,
                          List<GradeOverride> overrides, List<GradeBand> grades) {

    public RatingModel {
        records = records == null ? List.of() : List.copyOf(records);
        lists = lists == null ? List.of() : List.copyOf(lists);
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
        decay = decay == null ? new Decay(List.of(new DecayStep(0, 1.0))) : decay;
    }

    /** {@code <id>@<version>}, stored with every rating. */
    public String key() {
        return id + "@" + version;
    }

    public record Scale(int min, int max) {
    }

    /**
     * @param base the dimension's score before any factor, on the model's scale
     */
    public record Dimension(String code, String name, double weight, int base) {
    }

    /**
     * @param points   points per severity (MINOR, GENERAL, SERIOUS, or NONE for categories without severity)
     * @param maxCount at most this many records of the category count (the strongest ones); null: all
     * @param decays   whether the points shrink with the elapsed share of the publicity period
     */
    public record RecordFactor(String category, String dimension, Map<String, Integer> points, Integer maxCount,
                               Boolean decays) {
        public boolean decaying() {
            return decays == null || decays;
        }
    }

    public record ListFactor(String listType, String dimension, int points) {
    }

    /**
     * @param steps factor by elapsed share of the publicity period, in ascending share; the first at share 0
     */
    public record Decay(List<DecayStep> steps) {
    }

    /** From {@code elapsedShare} of the publicity period on, a record counts with {@code factor} of its points. */
    public record DecayStep(double elapsedShare, double factor) {
    }

    /**
     * While a listed entry of {@code listType} lasts, the grade is {@code grade} (forced) or at most {@code maxGrade}.
     */
    public record GradeOverride(String listType, String grade, String maxGrade, String reason) {
    }

    /** Scores from {@code minScore} up get {@code grade} (A, B, C, D), shown as {@code label}. */
    public record GradeBand(String grade, int minScore, String label) {
    }
}
