package org.opencredit.blacklist.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.opencredit.blacklist.catalogue.ListCatalogue;
import org.opencredit.blacklist.catalogue.ListType;
import tools.jackson.databind.json.JsonMapper;

/** Due process as pure rules: what may follow what, windows, periods, extensions. */
class ListEntryTest {

    static final ListCatalogue CATALOGUE = ListCatalogue.load(JsonMapper.builder().findAndAddModules().build());
    static final ListType DEFAULTERS = CATALOGUE.listType("JUDGMENT_DEFAULTER").orElseThrow();
    static final ListType TAX = CATALOGUE.listType("MAJOR_TAX_VIOLATION").orElseThrow();
    static final Actor COURT = new Actor("dept-court", "DEPARTMENT:COURT");
    static final Instant NOW = Instant.parse("2026-11-28T02:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 28);

    static ListEntry proposed(ListType type) {
        return ListEntry.propose("91350100M000100Y43-1", "91350100M000100Y43", "LEGAL_PERSON", "示例有限公司", null, type,
                "拒不履行（2026）闽0102执123号", null, "（2026）闽0102执123号", "COURT", null, null, COURT, NOW, TODAY, "proposed");
    }

    @Test
    void listingWithoutNoticeIsRefusedNamingTheState() {
        ListEntry e = proposed(DEFAULTERS);
        assertThatThrownBy(() -> e.list(DEFAULTERS, COURT, NOW, TODAY.plusDays(30), "list"))
                .isInstanceOfSatisfying(IllegalTransitionException.class, x -> {
                    assertThat(x.slug()).isEqualTo("not-notified");
                    assertThat(x.entry().state()).isEqualTo(EntryState.PROPOSED);
                });
    }

    @Test
    void listingWaitsForTheEndOfTheObjectionWindowAndThenRunsTheListPeriod() {
        ListEntry notified = proposed(DEFAULTERS).notify(DEFAULTERS, COURT, NOW, TODAY, "告知书已送达");
        assertThat(notified.objectionDeadline()).isEqualTo(TODAY.plusDays(DEFAULTERS.objectionWindowDays()));
        assertThatThrownBy(() -> notified.list(DEFAULTERS, COURT, NOW, notified.objectionDeadline(), "too early"))
                .isInstanceOfSatisfying(IllegalTransitionException.class, x -> assertThat(x.slug()).isEqualTo("objection-window-open"));
        LocalDate day = notified.objectionDeadline().plusDays(1);
        ListEntry listed = notified.list(DEFAULTERS, COURT, NOW, day, "期满无异议");
        assertThat(listed.state()).isEqualTo(EntryState.LISTED);
        assertThat(listed.listedOn()).isEqualTo(day);
        assertThat(listed.expiresOn()).isEqualTo(day.plusYears(2));
        assertThat(listed.revision()).isEqualTo(3);
        assertThat(listed.history()).extracting(Transition::action).containsExactly(Action.PROPOSE, Action.NOTIFY, Action.LIST);
        assertThat(listed.history()).allSatisfy(t -> assertThat(t.actor()).isEqualTo("dept-court"));
    }

    @Test
    void anObjectionSuspendsListingUntilAnsweredAndAnUpheldOneWithdrawsTheProposal() {
        ListEntry notified = proposed(TAX).notify(TAX, COURT, NOW, TODAY, "notice");
        ListEntry objected = notified.object(TAX, COURT, NOW, TODAY.plusDays(3), "已于立案前补缴税款");
        assertThat(objected.state()).isEqualTo(EntryState.OBJECTED);
        assertThat(objected.objection().answerDue()).isEqualTo(TODAY.plusDays(3 + TAX.objectionAnswerDays()));
        assertThatThrownBy(() -> objected.list(TAX, COURT, NOW, TODAY.plusDays(30), "list"))
                .isInstanceOfSatisfying(IllegalTransitionException.class, x -> assertThat(x.slug()).isEqualTo("objection-pending"));
        ListEntry rejected = objected.answerObjection(false, COURT, NOW, TODAY.plusDays(5), "补缴发生在公告后");
        // an answered, rejected objection lets listing proceed even inside the window
        assertThat(rejected.list(TAX, COURT, NOW, TODAY.plusDays(6), "list").state()).isEqualTo(EntryState.LISTED);
        assertThatThrownBy(() -> rejected.object(TAX, COURT, NOW, TODAY.plusDays(6), "again"))
                .isInstanceOfSatisfying(IllegalTransitionException.class, x -> assertThat(x.slug()).isEqualTo("objection-already-answered"));
        ListEntry upheld = objected.answerObjection(true, COURT, NOW, TODAY.plusDays(5), "异议成立");
        assertThat(upheld.state()).isEqualTo(EntryState.WITHDRAWN);
        assertThat(upheld.objection().upheld()).isTrue();
    }

    @Test
    void anObjectionAfterTheWindowIsRefused() {
        ListEntry notified = proposed(TAX).notify(TAX, COURT, NOW, TODAY, "notice");
        assertThatThrownBy(() -> notified.object(TAX, COURT, NOW, notified.objectionDeadline().plusDays(1), "late"))
                .isInstanceOfSatisfying(IllegalTransitionException.class, x -> assertThat(x.slug()).isEqualTo("objection-window-closed"));
    }

    ListEntry listedDefaulter() {
        ListEntry n = proposed(DEFAULTERS).notify(DEFAULTERS, COURT, NOW, TODAY, "notice");
        return n.list(DEFAULTERS, COURT, NOW, n.objectionDeadline().plusDays(1), "list");
    }

    @Test
    void judgmentDefaultersAreExtendedOnceByOneToThreeYears() {
        ListEntry listed = listedDefaulter();
        assertThatThrownBy(() -> listed.extend(DEFAULTERS, 4, COURT, NOW, "too long")).isInstanceOf(InvalidStepException.class);
        assertThatThrownBy(() -> listed.extend(DEFAULTERS, 0, COURT, NOW, "too short")).isInstanceOf(InvalidStepException.class);
        ListEntry extended = listed.extend(DEFAULTERS, 3, COURT, NOW, "暴力抗拒执行");
        assertThat(extended.expiresOn()).isEqualTo(listed.expiresOn().plusYears(3));
        assertThatThrownBy(() -> extended.extend(DEFAULTERS, 1, COURT, NOW, "again"))
                .isInstanceOfSatisfying(IllegalTransitionException.class, x -> assertThat(x.slug()).isEqualTo("already-extended"));
        ListEntry tax = proposed(TAX).notify(TAX, COURT, NOW, TODAY, "n").list(TAX, COURT, NOW, TODAY.plusDays(30), "l");
        assertThatThrownBy(() -> tax.extend(TAX, 1, COURT, NOW, "no"))
                .isInstanceOfSatisfying(IllegalTransitionException.class, x -> assertThat(x.slug()).isEqualTo("not-extendable"));
    }

    @Test
    void earlyRemovalNeedsAGroundAndHappensOnce() {
        ListEntry listed = listedDefaulter();
        assertThatThrownBy(() -> listed.remove(null, COURT, NOW, "paid")).isInstanceOf(InvalidStepException.class);
        ListEntry removed = listed.remove("OBLIGATION_FULFILLED", COURT, NOW, "已履行全部义务");
        assertThat(removed.state()).isEqualTo(EntryState.REMOVED);
        assertThat(removed.inForce(TODAY.plusDays(20))).isFalse();
        assertThatThrownBy(() -> removed.remove("OBLIGATION_FULFILLED", COURT, NOW, "again"))
                .isInstanceOfSatisfying(IllegalTransitionException.class, x -> {
                    assertThat(x.slug()).isEqualTo("already-removed");
                    assertThat(x.entry().state()).isEqualTo(EntryState.REMOVED);
                });
        assertThatThrownBy(() -> removed.withdraw(COURT, NOW, "x")).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void anEntryIsInForceUntilItsEndDayAndExpiresFromThen() {
        ListEntry listed = listedDefaulter();
        assertThat(listed.inForce(listed.expiresOn().minusDays(1))).isTrue();
        assertThat(listed.inForce(listed.expiresOn())).isFalse();
        assertThatThrownBy(() -> listed.expire(Actor.SYSTEM_EXPIRY, NOW, listed.expiresOn().minusDays(1)))
                .isInstanceOf(IllegalTransitionException.class);
        assertThat(listed.expire(Actor.SYSTEM_EXPIRY, NOW, listed.expiresOn()).state()).isEqualTo(EntryState.EXPIRED);
    }

    @Test
    void entryIdsNameTheirSubject() {
        assertThat(Ledger.subjectOf("91350100M000100Y43-12")).isEqualTo("91350100M000100Y43");
        assertThat(Ledger.subjectOf("person:0123456789abcdef-1")).isEqualTo("person:0123456789abcdef");
        assertThat(Ledger.subjectOf("nonsense")).isNull();
        assertThat(Ledger.subjectOf("x-")).isNull();
    }
}
