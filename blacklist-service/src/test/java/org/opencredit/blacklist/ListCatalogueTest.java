package org.opencredit.blacklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.opencredit.blacklist.catalogue.ListCatalogue;
import org.opencredit.blacklist.catalogue.ListType;
import org.opencredit.blacklist.catalogue.Measure;
import tools.jackson.databind.json.JsonMapper;

/** The shipped reference data is complete and consistent; an inconsistent one does not load. */
class ListCatalogueTest {

    final ListCatalogue catalogue = ListCatalogue.load(JsonMapper.builder().findAndAddModules().build());

    @Test
    void everyListTypeOfTheDomainIsThereWithItsLegalBasisPeriodAndRemedies() {
        assertThat(catalogue.listTypeCodes()).containsExactly("SERIOUS_DISHONESTY", "JUDGMENT_DEFAULTER", "MAJOR_TAX_VIOLATION",
                "ABNORMAL_OPERATION", "INDUSTRY_BLACKLIST", "RED_LIST");
        assertThat(catalogue.listTypes()).allSatisfy(t -> {
            assertThat(t.legalBasis()).isNotBlank();
            assertThat(t.entryCriteria()).isNotBlank();
            assertThat(t.removalConditions()).isNotBlank();
            assertThat(t.remedies()).isNotBlank();
            assertThat(t.objectionWindowDays()).isPositive();
            assertThat(catalogue.measuresOf(t.code())).as(t.code()).isNotEmpty();
        });
        ListType defaulters = catalogue.listType("JUDGMENT_DEFAULTER").orElseThrow();
        assertThat(defaulters.period().months()).isEqualTo(24);
        assertThat(defaulters.period().extension().minYears()).isEqualTo(1);
        assertThat(defaulters.period().extension().maxYears()).isEqualTo(3);
        assertThat(defaulters.issuingAuthority()).isEqualTo("COURT");
        assertThat(catalogue.listType("RED_LIST").orElseThrow().positive()).isTrue();
    }

    @Test
    void consumptionRestrictionsFollowOnlyFromJudgmentDefaultersAndBindTheLegalRepresentative() {
        for (String code : List.of("NO_FLIGHTS", "NO_HIGH_SPEED_RAIL", "NO_LUXURY_CONSUMPTION", "NO_PROPERTY_PURCHASE",
                "NO_PRIVATE_SCHOOL_FEES")) {
            Measure m = catalogue.measure(code).orElseThrow();
            assertThat(m.listTypes()).containsExactly("JUDGMENT_DEFAULTER");
            assertThat(m.level()).isEqualTo("JUDICIAL");
            assertThat(m.bindsLegalRepresentative()).isTrue();
            assertThat(m.legalBasis()).contains("法释〔2015〕17号");
        }
        assertThat(catalogue.measures()).extracting(Measure::level).contains("ADMINISTRATIVE", "INDUSTRY", "MARKET", "JUDICIAL", "SOCIAL");
    }

    @Test
    void aMeasureNamingAnUnknownListTypeOrScenarioStopsTheCatalogue() {
        Measure stray = new Measure("X", "x", "ADMINISTRATIVE", "PROHIBIT", "basis", List.of("NO_SUCH_LIST"), List.of("NOWHERE"),
                List.of("LEGAL_PERSON"), false);
        assertThatThrownBy(() -> new ListCatalogue("t", "t", null, null, catalogue.scenarios(), catalogue.listTypes(), List.of(stray)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown list type NO_SUCH_LIST").hasMessageContaining("unknown scenario NOWHERE");
    }
}
