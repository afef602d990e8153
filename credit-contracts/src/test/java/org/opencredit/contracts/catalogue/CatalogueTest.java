package org.opencredit.contracts.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class CatalogueTest {

    final Catalogue catalogue = Catalogue.standard();

    @Test
    void shipsTheStarterCategoriesWithTheirLegalBasis() {
        assertThat(catalogue.version()).isEqualTo("2024.1");
        assertThat(catalogue.categories()).extracting(Category::code).contains("ADMIN_LICENCE", "ADMIN_PENALTY",
                "TAX_MAJOR_VIOLATION", "TAX_ARREARS", "JUDGMENT_DEFAULTER", "SOCIAL_INSURANCE_ARREARS", "CUSTOMS_DISHONEST",
                "PRODUCT_QUALITY", "ENVIRONMENTAL_VIOLATION", "CONTRACT_DEFAULT", "COMMENDATION", "CREDIT_COMMITMENT");
        assertThat(catalogue.categories()).allSatisfy(c -> {
            assertThat(c.legalBasis()).isNotBlank();
            assertThat(c.departments()).isNotEmpty();
            assertThat(c.repairable() || (c.unrepairableReason() != null && !c.unrepairableReason().isBlank()))
                    .as(c.code() + " says why it cannot be repaired").isTrue();
        });
    }

    @Test
    void penaltyPublicityPeriodsFollowTheRepairMeasures() {
        Category penalty = catalogue.category("ADMIN_PENALTY").orElseThrow();
        assertThat(penalty.polarity()).isEqualTo(Polarity.NEGATIVE);
        assertThat(penalty.publicityFor(Severity.MINOR)).hasValue(new PublicityPeriod(0, 3, false));
        assertThat(penalty.publicityFor(Severity.GENERAL)).hasValue(new PublicityPeriod(3, 12, true));
        assertThat(penalty.publicityFor(Severity.SERIOUS)).hasValue(new PublicityPeriod(12, 36, true));
        assertThat(penalty.defaultSeverity()).isEqualTo(Severity.GENERAL);
        LocalDate decided = LocalDate.of(2026, 1, 31);
        assertThat(penalty.publicityFor(Severity.GENERAL).orElseThrow().latestEnd(decided)).isEqualTo(LocalDate.of(2027, 1, 31));
        assertThat(penalty.publicityFor(Severity.GENERAL).orElseThrow().earliestEnd(decided)).isEqualTo(LocalDate.of(2026, 4, 30));
    }

    @Test
    void entitlesOnlyTheDepartmentsItNames() {
        Category arrears = catalogue.category("TAX_ARREARS").orElseThrow();
        assertThat(arrears.entitles("TAX")).isTrue();
        assertThat(arrears.entitles("MARKET_SUPERVISION")).isFalse();
        assertThat(catalogue.category("NOT_CATALOGUED")).isEmpty();
    }

    @Test
    void rejectsACatalogueNamingAnUnknownDepartmentOrACategoryTwice() {
        String unknownDepartment = """
                {"version":"x","edition":"e","effectiveFrom":"2024-01-01","note":"","departments":[{"code":"TAX","name":"t"}],
                 "categories":[{"code":"A","name":"a","nameEn":"a","legalBasis":"l","subjectKinds":["LEGAL_PERSON"],"polarity":"NEGATIVE",
                 "shape":"GENERAL","departments":["COURT"],"publicity":{"GENERAL":{"minMonths":3,"maxMonths":12,"publishedByDefault":true}},
                 "repairable":true,"unrepairableReason":null}]}""";
        assertThatThrownBy(() -> Catalogue.read(new ByteArrayInputStream(unknownDepartment.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("unknown department COURT");
        assertThatThrownBy(() -> new PublicityPeriod(12, 3, true)).hasMessageContaining("minMonths <= maxMonths");
    }
}
