package org.opencredit.rating;

/** A second enterprise model version for the re-rating job's test and benchmark: stricter on penalties. */
public final class TestModels {

    /** Version {@code 2026.2-test}: penalties weigh more, so a share of subjects change score or grade. */
    public static final String STRICTER = """
            id: enterprise
            version: "2026.2-test"
            subjectKind: LEGAL_PERSON
            name: stricter on penalties
            scale: {min: 0, max: 1000}
            dimensions:
              - {code: LAW_ABIDANCE, name: law, weight: 0.30, base: 900}
              - {code: PERFORMANCE, name: perf, weight: 0.25, base: 900}
              - {code: TAX_SOCIAL, name: tax, weight: 0.25, base: 900}
              - {code: SOCIAL_RESPONSIBILITY, name: social, weight: 0.20, base: 500}
            records:
              - {category: ADMIN_PENALTY, dimension: LAW_ABIDANCE, points: {MINOR: -200, GENERAL: -400, SERIOUS: -900}}
              - {category: TAX_ARREARS, dimension: TAX_SOCIAL, points: {GENERAL: -250}}
              - {category: COMMENDATION, dimension: SOCIAL_RESPONSIBILITY, points: {NONE: 250}, decays: false}
            overrides:
              - {listType: SERIOUS_DISHONESTY, grade: D, reason: serious dishonesty}
            grades:
              - {grade: A, minScore: 850, label: A}
              - {grade: B, minScore: 730, label: B}
              - {grade: C, minScore: 400, label: C}
              - {grade: D, minScore: 0, label: D}
            """;

    private TestModels() {
    }
}
