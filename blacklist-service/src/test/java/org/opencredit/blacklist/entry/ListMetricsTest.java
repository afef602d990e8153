package org.opencredit.blacklist.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencredit.testkit.TestCodes.uscc;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.blacklist.MutableClock;
import org.opencredit.blacklist.catalogue.ListCatalogue;
import org.opencredit.testkit.CreditInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;

/**
 * The gauges of the operations board after each step: counted in memory by {@link ListedEntries} (which holds
 * every ledger by then), and equal to what the store's aggregation counts.
 */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MutableClock.Config.class)
@AutoConfigureWebTestClient(timeout = "30s")
class ListMetricsTest {

    static final Actor TAX = new Actor("dept-tax", "DEPARTMENT:TAX");

    @Autowired
    EntryService entries;
    @Autowired
    ListMetrics metrics;
    @Autowired
    ListCatalogue catalogue;
    @Autowired
    MeterRegistry registry;
    @Autowired
    MutableClock clock;
    @Autowired
    ListedEntries listed;

    @Autowired
    org.springframework.data.mongodb.core.ReactiveMongoTemplate mongo;

    /**
     * Counting in memory gives the store's counts: a fresh hold that reads every ledger counts the same entries per list
     * type and state, and the same open and overdue objections, as the aggregation. (A fresh hold, because other test
     * classes write ledgers straight into the shared store, past the application's hold.)
     */
    void assertMemoryCountsAsTheStore() {
        assertThat(listed.ready()).isTrue();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            ListedEntries fresh = new ListedEntries(mongo);
            fresh.load().block();
            EntryService.Counts inMemory = fresh.counts(entries.today());
            assertThat(inMemory.entries()).isNotEmpty();
            assertThat(inMemory).isEqualTo(entries.storeCounts(entries.today()).block());
        });
    }

    double gauge(String listType, EntryState state) {
        return registry.get(ListMetrics.ENTRIES).tag("listType", listType).tag("state", state.name()).gauge().value();
    }

    double objections(String state) {
        return registry.get(ListMetrics.OBJECTIONS).tag("state", state).gauge().value();
    }

    ListEntry propose(String code, String decision) {
        return entries.propose(new EntryService.Proposal(code, "LEGAL_PERSON", "计数测试有限公司", null,
                catalogue.listType("MAJOR_TAX_VIOLATION").orElseThrow(), "偷税", null, decision, "TAX", null, null, "proposed"), TAX)
                .block().entry();
    }

    ListEntry step(ListEntry e, java.util.function.Function<ListEntry, ListEntry> step) {
        return entries.step(e.id(), step).block();
    }

    @Test
    void theGaugesCountEveryStepByListTypeAndStateAndTheOpenAndOverdueObjections() {
        var type = catalogue.listType("MAJOR_TAX_VIOLATION").orElseThrow();
        metrics.refresh().block();
        double proposed = gauge(type.code(), EntryState.PROPOSED);
        double notified = gauge(type.code(), EntryState.NOTIFIED);
        double objected = gauge(type.code(), EntryState.OBJECTED);
        double withdrawn = gauge(type.code(), EntryState.WITHDRAWN);
        double open = objections("open");
        double overdue = objections("overdue");

        propose(uscc("91350100MA2Y0M001"), "闽税稽罚〔2026〕M1号");
        ListEntry notice = step(propose(uscc("91350100MA2Y0M002"), "闽税稽罚〔2026〕M2号"),
                e -> e.notify(type, TAX, entries.now(), entries.today(), "送达"));
        ListEntry objection = step(step(propose(uscc("91350100MA2Y0M003"), "闽税稽罚〔2026〕M3号"),
                        e -> e.notify(type, TAX, entries.now(), entries.today(), "送达")),
                e -> e.object(type, TAX, entries.now(), entries.today(), "异议"));
        step(propose(uscc("91350100MA2Y0M004"), "闽税稽罚〔2026〕M4号"), e -> e.withdraw(TAX, entries.now(), "撤回"));
        metrics.refresh().block();

        assertThat(gauge(type.code(), EntryState.PROPOSED)).isEqualTo(proposed + 1);
        assertThat(gauge(type.code(), EntryState.NOTIFIED)).isEqualTo(notified + 1);
        assertThat(gauge(type.code(), EntryState.OBJECTED)).isEqualTo(objected + 1);
        assertThat(gauge(type.code(), EntryState.WITHDRAWN)).isEqualTo(withdrawn + 1);
        assertThat(objections("open")).isEqualTo(open + 1);
        assertThat(notice.state()).isEqualTo(EntryState.NOTIFIED);

        // past the answer date (10 days for tax entries) the open objection is also overdue
        clock.advance(Duration.ofDays(type.objectionAnswerDays() + 1));
        metrics.refresh().block();
        assertThat(entries.ledger(objection.subject()).block().entry(objection.id()).orElseThrow().objectionOverdue(entries.today()))
                .isTrue();
        assertThat(objections("overdue")).isGreaterThanOrEqualTo(overdue + 1);
        double overdueNow = objections("overdue");
        step(objection, e -> e.answerObjection(true, TAX, entries.now(), entries.today(), "异议成立"));
        metrics.refresh().block();
        assertThat(objections("overdue")).isEqualTo(overdueNow - 1);
        assertThat(objections("open")).isEqualTo(open);
        assertThat(gauge(type.code(), EntryState.OBJECTED)).isEqualTo(objected);
        assertThat(gauge(type.code(), EntryState.WITHDRAWN)).isEqualTo(withdrawn + 2);
        assertMemoryCountsAsTheStore();
    }

    @Test
    void listedEntriesAreCountedFromMemoryAndMoveToRemovedWhenRemoved() {
        var type = catalogue.listType("MAJOR_TAX_VIOLATION").orElseThrow();
        metrics.refresh().block();
        double listed = gauge(type.code(), EntryState.LISTED);
        double removed = gauge(type.code(), EntryState.REMOVED);
        ListEntry notified = step(propose(uscc("91350100MA2Y0M010"), "闽税稽罚〔2026〕M10号"),
                e -> e.notify(type, TAX, entries.now(), entries.today(), "送达"));
        clock.advance(Duration.ofDays(type.objectionWindowDays() + 1));
        ListEntry inForce = step(notified, e -> e.list(type, TAX, entries.now(), entries.today(), "纳入"));
        metrics.refresh().block();
        assertThat(gauge(type.code(), EntryState.LISTED)).isEqualTo(listed + 1);

        step(inForce, e -> e.remove("OBLIGATION_FULFILLED", TAX, entries.now(), "已补缴"));
        metrics.refresh().block();
        assertThat(gauge(type.code(), EntryState.LISTED)).isEqualTo(listed);
        assertThat(gauge(type.code(), EntryState.REMOVED)).isEqualTo(removed + 1);
        assertMemoryCountsAsTheStore();
    }
}
