package org.opencredit.enterprise.record;

import static org.opencredit.testkit.TestCodes.uscc;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.opencredit.contracts.catalogue.Catalogue;
import org.opencredit.contracts.identifier.Uscc;

class RecordRulesTest {

    /** Friday 27 November 2026, 10:00 in the province. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T02:00:00Z"), ZoneOffset.UTC);
    static final String MARKET = "MARKET_SUPERVISION";
    static final String ENTERPRISE = uscc("91350100MA2Y00101");
    static final String INDIVIDUAL = uscc("92350100MA2Y00101");

    final RecordRules rules = new RecordRules(Catalogue.standard(), WorkingCalendar.standard(), CLOCK);


    static PenaltyFields penalty() {
        return new PenaltyFields("闽榕市监罚〔2026〕1号", "无证经营", "当事人无证经营，经查属实。", "《中华人民共和国行政处罚法》",
                "罚款", "罚款3.2万元", new BigDecimal("32000"), BigDecimal.ZERO, null, null, "福州市市场监督管理局",
                null, null, null, null);
    }

    static RecordSubmission penaltyOn(LocalDate decided, String severity, LocalDate publicityEnd) {
        return new RecordSubmission("ADMIN_PENALTY", severity, "闽榕市监罚〔2026〕1号", ENTERPRISE, "福州示例科技有限公司",
                decided, publicityEnd, penalty(), null, null);
    }

    @Test
    void aGeneralPenaltyIsPublishedForTwelveMonthsFromItsDecision() {
        RecordRules.Outcome o = rules.check(penaltyOn(LocalDate.of(2026, 11, 20), null, null), MARKET);
        assertThat(o.errors()).isEmpty();
        CreditRecord r = o.record();
        assertThat(r.severity()).isEqualTo("GENERAL");
        assertThat(r.polarity()).isEqualTo("NEGATIVE");
        assertThat(r.status()).isEqualTo(RecordStatus.PUBLISHED);
        assertThat(r.publicityEnds()).isEqualTo(LocalDate.of(2027, 11, 20));
        assertThat(r.earliestRepair()).isEqualTo(LocalDate.of(2027, 2, 20));
        assertThat(r.recordId()).isEqualTo(RecordRules.recordId(MARKET, "闽榕市监罚〔2026〕1号")).hasSize(24);
        assertThat(r.catalogueVersion()).isEqualTo("2024.1");
    }

    @Test
    void aRecordPublishedMoreThanSevenWorkingDaysAfterTheDecisionIsLate() {
        // 18 Nov (Wed) to 27 Nov (Fri): 19,20,23,24,25,26,27 = 7 working days: on time
        assertThat(rules.check(penaltyOn(LocalDate.of(2026, 11, 18), null, null), MARKET).record().late()).isFalse();
        // 17 Nov (Tue): 8 working days: late
        assertThat(rules.check(penaltyOn(LocalDate.of(2026, 11, 17), null, null), MARKET).record().late()).isTrue();
    }

    @Test
    void minorInformationIsRecordedButNotPublishedAndOldInformationArrivesExpired() {
        assertThat(rules.check(penaltyOn(LocalDate.of(2026, 11, 20), "MINOR", null), MARKET).record().status())
                .isEqualTo(RecordStatus.UNPUBLISHED);
        assertThat(rules.check(penaltyOn(LocalDate.of(2024, 1, 10), "GENERAL", null), MARKET).record().status())
                .isEqualTo(RecordStatus.EXPIRED);
    }

    @Test
    void theDepartmentsPublicityEndIsKeptWithinTheCataloguesBounds() {
        LocalDate decided = LocalDate.of(2026, 11, 20);
        assertThat(rules.check(penaltyOn(decided, "GENERAL", LocalDate.of(2027, 5, 20)), MARKET).record().publicityEnds())
                .isEqualTo(LocalDate.of(2027, 5, 20));
        RecordRules.Outcome tooLong = rules.check(penaltyOn(decided, "GENERAL", LocalDate.of(2028, 1, 1)), MARKET);
        assertThat(tooLong.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("publicityEndDate");
            assertThat(e.message()).contains("2027-02-20 and 2027-11-20").contains("3 to 12 months");
        });
        assertThat(rules.check(penaltyOn(decided, "SERIOUS", LocalDate.of(2027, 5, 20)), MARKET).errors())
                .extracting(FieldError::field).containsExactly("publicityEndDate");
    }

    @Test
    void onlyCataloguedCategoriesAndEntitledDepartmentsAreAccepted() {
        RecordSubmission uncatalogued = new RecordSubmission("GOSSIP", null, "x-1", ENTERPRISE, "n", LocalDate.of(2026, 11, 20),
                null, null, null, Map.of("summary", "s"));
        assertThat(rules.check(uncatalogued, MARKET).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("'GOSSIP' is not in catalogue 2024.1"));
        RecordSubmission arrears = new RecordSubmission("TAX_ARREARS", null, "t-1", ENTERPRISE, "n", LocalDate.of(2026, 11, 20),
                null, null, null, Map.of("summary", "欠缴增值税"));
        assertThat(rules.check(arrears, "TAX").valid()).isTrue();
        assertThat(rules.check(arrears, MARKET).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("department MARKET_SUPERVISION may not submit TAX_ARREARS").contains("TAX"));
    }

    @Test
    void aCategoryForLegalPersonsOnlyRefusesAnIndividualBusiness() {
        RecordSubmission customs = new RecordSubmission("CUSTOMS_DISHONEST", null, "c-1", INDIVIDUAL, "个体户", LocalDate.of(2026, 11, 20),
                null, null, null, Map.of("summary", "走私"));
        assertThat(rules.check(customs, "CUSTOMS").errors()).extracting(FieldError::field).containsExactly("uscc");
    }

    @Test
    void everyFaultOfASubmissionIsNamedAtOnce() {
        RecordSubmission bad = new RecordSubmission("ADMIN_PENALTY", "HUGE", " ", "91350100MA2Y0010", "",
                LocalDate.of(2026, 12, 1), null,
                new PenaltyFields(null, "v", null, null, "罚款", null, new BigDecimal("-1"), null, null, null, null, "bad", null, null, null),
                null, Map.of("summary", "x"));
        assertThat(rules.check(bad, MARKET).errors()).extracting(FieldError::field).containsExactlyInAnyOrder(
                "departmentRecordId", "uscc", "subjectName", "decisionDate", "severity", "penalty",
                "penalty.documentNumber", "penalty.penaltyContent", "penalty.authority", "penalty.fineAmount", "penalty.authorityUscc");
    }

    @Test
    void generalCategoriesNeedASummaryAndLicencesTheirFields() {
        RecordSubmission noSummary = new RecordSubmission("PRODUCT_QUALITY", null, "q-1", ENTERPRISE, "n", LocalDate.of(2026, 11, 20),
                null, null, null, Map.of("batch", "B-7"));
        assertThat(rules.check(noSummary, MARKET).errors()).extracting(FieldError::field).containsExactly("details.summary");
        LicenceFields licence = new LicenceFields("食品经营许可证", "JY13501000000001", LicenceFields.LicenceCategory.ORDINARY,
                null, null, "预包装食品销售", LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 1), "福州市市场监督管理局", null, "有效");
        RecordSubmission licenceRecord = new RecordSubmission("ADMIN_LICENCE", null, "l-1", ENTERPRISE, "n", LocalDate.of(2026, 11, 20),
                null, null, licence, null);
        assertThat(rules.check(licenceRecord, MARKET).errors()).extracting(FieldError::field).containsExactly("licence.validTo");
        assertThat(rules.check(licenceRecord, MARKET).errors().get(0).message()).contains("not be before validFrom");
    }

    @Test
    void workingCalendarSkipsWeekendsAndHonoursHolidayData() {
        WorkingCalendar calendar = new WorkingCalendar(Set.of(LocalDate.of(2026, 10, 1)), Set.of(LocalDate.of(2026, 9, 27)));
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 11, 28))).isFalse(); // Saturday
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 1))).isFalse();  // holiday Thursday
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 9, 27))).isTrue();   // make-up Sunday
        assertThat(calendar.workingDaysAfter(LocalDate.of(2026, 11, 27), LocalDate.of(2026, 11, 30))).isEqualTo(1);
        assertThat(calendar.workingDaysAfter(LocalDate.of(2026, 11, 30), LocalDate.of(2026, 11, 27))).isZero();
    }
}
