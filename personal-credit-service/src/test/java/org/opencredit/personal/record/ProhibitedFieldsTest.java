package org.opencredit.personal.record;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencredit.chassis.problem.ProblemException;
import tools.jackson.databind.json.JsonMapper;

class ProhibitedFieldsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static void check(String json) {
        ProhibitedFields.check(JSON.readTree(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"religion\":1}", "{\"Religious_Belief\":1}", "{\"a\":{\"b\":[{\"blood-type\":1}]}}", "{\"DNA\":1}",
            "{\"gene\":1}", "{\"geneticMarkers\":1}", "{\"fingerPrints\":1}", "{\"指纹\":1}", "{\"疾病史\":1}", "{\"chronicDisease\":1}",
            "{\"medical_history\":1}", "{\"血型\":1}", "{\"宗教信仰\":1}", "{\"healthCondition\":1}"})
    void neverCollectedFieldsAreRefusedAtAnyDepthAndSpelling(String json) {
        assertThatThrownBy(() -> check(json)).isInstanceOf(ProblemException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((ProblemException) e).toProblemDetail().getType().toString())
                        .endsWith("/prohibited-field"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"income\":1}", "{\"monthlySalary\":1}", "{\"bank_deposits\":1}", "{\"securities\":1}", "{\"insurance\":1}",
            "{\"realEstate\":1}", "{\"taxAmount\":1}", "{\"房产\":1}", "{\"纳税额\":1}"})
    void consentBoundFieldsNeedAConsentReference(String json) {
        assertThatThrownBy(() -> check(json)).isInstanceOf(ProblemException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((ProblemException) e).toProblemDetail().getType().toString())
                        .endsWith("/consent-required-field"));
        assertThatCode(() -> check(json.replace("{", "{\"consentReference\":\"WA-1\","))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"general\":1,\"severity\":\"GENERAL\"}", "{\"title\":\"religion\"}", "{\"generatedAt\":1}",
            "{\"content\":\"血型\"}", "{\"authority\":\"x\",\"decisionDate\":\"2026-01-01\"}"})
    void ordinaryFieldsAndValuesPass(String json) {
        assertThatCode(() -> check(json)).doesNotThrowAnyException();
    }
}
