package org.opencredit.rating.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opencredit.contracts.catalogue.Catalogue;

class ModelLoaderTest {

    @Test
    void theShippedModelsAreValid() {
        assertThat(ScorerTest.shipped("enterprise-2026.1.yaml").dimensions()).hasSize(4);
        assertThat(ScorerTest.shipped("person-2026.1.yaml").dimensions()).hasSize(5);
    }

    @Test
    void aBrokenModelIsRefusedWithEveryProblemListed() {
        String yaml = """
                id: enterprise
                version: "x 1"
                subjectKind: LEGAL_PERSON
                name: broken
                scale: {min: 0, max: 1000}
                dimensions:
                  - {code: A, name: a, weight: 0.5, base: 900}
                  - {code: B, name: b, weight: 0.4, base: 1200}
                records:
                  - {category: NO_SUCH_THING, dimension: A, points: {GENERAL: -10}}
                  - {category: ADMIN_PENALTY, dimension: Z, points: {GENERAL: 10, HUGE: -5}}
                  - {category: TAX_ARREARS, dimension: A, points: {SERIOUS: -10}}
                overrides:
                  - {listType: SERIOUS_DISHONESTY, grade: E, reason: x}
                grades:
                  - {grade: B, minScore: 500, label: b}
                  - {grade: A, minScore: 700, label: a}
                """;
        assertThatThrownBy(() -> ModelLoader.read(yaml, Catalogue.standard()))
                .isInstanceOfSatisfying(ModelLoader.InvalidModelException.class, e -> assertThat(e.problems()).contains(
                        "version 'x 1' may only contain letters, digits, '.' and '-'",
                        "dimension B base 1200 is outside the scale",
                        "dimension weights sum to 0.9, not 1",
                        "category NO_SUCH_THING is not in the catalogue " + Catalogue.standard().version(),
                        "category ADMIN_PENALTY names undeclared dimension Z",
                        "category ADMIN_PENALTY is NEGATIVE but gives 10 points",
                        "category ADMIN_PENALTY: unknown severity HUGE",
                        "override for SERIOUS_DISHONESTY names an unknown grade",
                        "grade thresholds must descend (grade A)",
                        "the lowest grade must start at the scale minimum 0")
                        .anySatisfy(p -> assertThat(p).startsWith("category TAX_ARREARS has no severity SERIOUS")));
    }

    @Test
    void unknownFieldsAreRefusedSoATypoCannotSilentlyDropARule() {
        assertThatThrownBy(() -> ModelLoader.read("id: e\nversion: '1'\nsubjectKind: LEGAL_PERSON\nscale: {min: 0, max: 10}\n"
                + "dimensions: [{code: A, name: a, weight: 1, base: 5}]\ngrades: [{grade: A, minScore: 0, label: a}]\noverides: []\n",
                Catalogue.standard()))
                .isInstanceOf(ModelLoader.InvalidModelException.class).hasMessageContaining("overides");
    }
}
