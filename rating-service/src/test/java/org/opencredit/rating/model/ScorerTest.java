package org.opencredit.rating.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.opencredit.contracts.catalogue.Catalogue;
import org.opencredit.rating.facts.ListFact;
import org.opencredit.rating.facts.RecordFact;

class ScorerTest {

    static RatingModel shipped(String file) {
        try (InputStream in = ScorerTest.class.getClassLoader().getResourceAsStream("models/" + file)) {
            return ModelLoader.read(in, Catalogue.standard());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static final RatingModel ENTERPRISE = shipped("enterprise-2026.1.yaml");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 28);

    static RecordFact record(String id, String category, String severity, LocalDate decided, LocalDate ends) {
        return new RecordFact(id, category, severity, "NEGATIVE", "MARKET_SUPERVISION", decided, ends, "PUBLISHED", 1, false);
    }

    @Test
    void aSubjectWithoutRecordsGetsTheWeightedBaseAndGradeB() {
        Rating r = Scorer.rate(ENTERPRISE, List.of(), List.of(), TODAY);
        // 0.30*900 + 0.25*900 + 0.25*900 + 0.20*500
        assertThat(r.score()).isEqualTo(820);
        assertThat(r.grade()).isEqualTo("B");
        assertThat(r.model()).isEqualTo("enterprise@2026.1");
        assertThat(r.factors()).isEmpty();
        assertThat(r.nextChangeOn()).isNull();
    }

    @Test
    void everyFactorNamesItsRecordAndThePointsAddUpToTheScore() {
        RecordFact penalty = record("r-1", "ADMIN_PENALTY", "GENERAL", TODAY.minusDays(10), TODAY.plusMonths(12).minusDays(10));
        RecordFact arrears = record("r-2", "TAX_ARREARS", "GENERAL", TODAY.minusDays(20), TODAY.plusMonths(12).minusDays(20));
        Rating r = Scorer.rate(ENTERPRISE, List.of(penalty, arrears), List.of(), TODAY);
        assertThat(r.factors()).extracting(Rating.Factor::sourceId).containsExactlyInAnyOrder("r-1", "r-2");
        assertThat(r.factors()).allSatisfy(f -> assertThat(f.appliedPoints()).isEqualTo(-250));
        // 820 - 0.30*250 - 0.25*250
        assertThat(r.score()).isEqualTo(683);
        assertThat(r.grade()).isEqualTo("C");
        double weighted = r.factors().stream().mapToDouble(Rating.Factor::weightedPoints).sum();
        assertThat(820 + weighted).isEqualTo(r.score(), org.assertj.core.data.Offset.offset(0.5));
        assertThat(r.dimensions()).filteredOn(d -> d.code().equals("LAW_ABIDANCE")).singleElement()
                .satisfies(d -> assertThat(d.score()).isEqualTo(650));
    }

    @Test
    void pointsShrinkAsThePublicityPeriodElapsesAndTheNextStepIsDue() {
        LocalDate decided = TODAY.minusDays(200);
        LocalDate ends = decided.plusDays(365);
        Rating r = Scorer.rate(ENTERPRISE, List.of(record("r-1", "ADMIN_PENALTY", "GENERAL", decided, ends)), List.of(), TODAY);
        Rating.Factor f = r.factors().get(0);
        assertThat(f.decayFactor()).isEqualTo(0.75);
        assertThat(f.appliedPoints()).isEqualTo(-187);
        assertThat(f.note()).contains("55% elapsed");
        // the 75% step begins on day ceil(0.75*365) = 274 after the decision
        assertThat(r.nextChangeOn()).isEqualTo(decided.plusDays(274));
        Rating later = Scorer.rate(ENTERPRISE, List.of(record("r-1", "ADMIN_PENALTY", "GENERAL", decided, ends)), List.of(),
                decided.plusDays(274));
        assertThat(later.factors().get(0).appliedPoints()).isEqualTo(-125);
        assertThat(later.nextChangeOn()).isEqualTo(ends);
        Rating after = Scorer.rate(ENTERPRISE, List.of(record("r-1", "ADMIN_PENALTY", "GENERAL", decided, ends)), List.of(), ends);
        assertThat(after.factors()).isEmpty();
        assertThat(after.score()).isEqualTo(820);
    }

    @Test
    void aSeriousDishonestyListingForcesDWhileItLastsAndNamesTheEntry() {
        ListFact entry = new ListFact("S-1", "SERIOUS_DISHONESTY", "LISTED", TODAY.minusDays(5), TODAY.plusYears(3), 3);
        Rating r = Scorer.rate(ENTERPRISE, List.of(), List.of(entry), TODAY);
        assertThat(r.score()).isEqualTo(820);
        assertThat(r.grade()).isEqualTo("D");
        assertThat(r.override()).contains("S-1");
        assertThat(r.factors()).anySatisfy(f -> assertThat(f.sourceId()).isEqualTo("S-1"));
        assertThat(r.nextChangeOn()).isEqualTo(TODAY.plusYears(3));
        ListFact removed = new ListFact("S-1", "SERIOUS_DISHONESTY", "REMOVED", TODAY.minusDays(5), TODAY.plusYears(3), 4);
        assertThat(Scorer.rate(ENTERPRISE, List.of(), List.of(removed), TODAY).grade()).isEqualTo("B");
        ListFact defaulter = new ListFact("J-1", "JUDGMENT_DEFAULTER", "LISTED", TODAY.minusDays(5), TODAY.plusYears(2), 1);
        assertThat(Scorer.rate(ENTERPRISE, List.of(), List.of(defaulter), TODAY).grade()).as("capped at C").isEqualTo("C");
    }

    @Test
    void onlyTheStrongestRecordsUpToTheMaximumCountCount() {
        List<RecordFact> many = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            many.add(new RecordFact("c-" + i, "COMMENDATION", "NONE", "POSITIVE", "TAX", TODAY.minusDays(i + 1), TODAY.plusYears(2),
                    "PUBLISHED", 1, false));
        }
        Rating r = Scorer.rate(ENTERPRISE, many, List.of(), TODAY);
        assertThat(r.factors()).filteredOn(f -> f.appliedPoints() == 250).hasSize(3);
        assertThat(r.factors()).filteredOn(f -> f.appliedPoints() == 0).singleElement()
                .satisfies(f -> assertThat(f.note()).contains("beyond the 3 strongest"));
        // social responsibility 500 + 750 capped at 1000: 720 + 200
        assertThat(r.score()).isEqualTo(920);
        assertThat(r.grade()).isEqualTo("A");
    }

    @Test
    void withdrawnExpiredAndFutureRecordsDoNotCountAndTheOrderOfFactsDoesNotMatter() {
        List<RecordFact> facts = new ArrayList<>(List.of(
                record("a", "ADMIN_PENALTY", "SERIOUS", TODAY.minusDays(30), TODAY.plusYears(2)),
                new RecordFact("b", "TAX_ARREARS", "GENERAL", "NEGATIVE", "TAX", TODAY.minusDays(30), TODAY.plusMonths(6), "WITHDRAWN", 2, false),
                record("c", "COURT_ENFORCEMENT", "GENERAL", TODAY.minusYears(2), TODAY.minusYears(1)),
                record("d", "CONTRACT_DEFAULT", "GENERAL", TODAY.plusDays(3), TODAY.plusYears(1)),
                record("e", "PRODUCT_QUALITY", "GENERAL", TODAY.minusDays(1), TODAY.plusYears(1))));
        Rating first = Scorer.rate(ENTERPRISE, facts, List.of(), TODAY);
        assertThat(first.factors()).extracting(Rating.Factor::sourceId).containsExactlyInAnyOrder("a", "e");
        assertThat(first.nextChangeOn()).isEqualTo(TODAY.plusDays(3));
        for (int i = 0; i < 5; i++) {
            Collections.shuffle(facts, new java.util.Random(i));
            assertThat(Scorer.rate(ENTERPRISE, facts, List.of(), TODAY)).isEqualTo(first);
        }
    }

    @Test
    void thePersonModelRatesInBandsWithLabels() {
        RatingModel person = shipped("person-2026.1.yaml");
        Rating clean = Scorer.rate(person, List.of(), List.of(), TODAY);
        assertThat(clean.grade()).isEqualTo("B");
        assertThat(clean.gradeLabel()).isEqualTo("良好");
        Rating defaulter = Scorer.rate(person, List.of(new RecordFact("p-1", "JUDGMENT_DEFAULTER", "SERIOUS", "NEGATIVE", "COURT",
                TODAY.minusDays(10), TODAY.plusYears(2), "PUBLISHED", 1, true)), List.of(), TODAY);
        assertThat(defaulter.grade()).isIn("C", "D");
        assertThat(defaulter.factors().get(0).note()).contains("disputed");
    }
}
