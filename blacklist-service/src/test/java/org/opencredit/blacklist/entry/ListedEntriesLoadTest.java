package org.opencredit.blacklist.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencredit.testkit.TestCodes.uscc;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.blacklist.MutableClock;
import org.opencredit.chassis.store.OptimisticLock;
import org.opencredit.testkit.CreditInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/** The start's read of every listed entry (what a restarted instance holds before any event). */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MutableClock.Config.class)
@AutoConfigureWebTestClient(timeout = "30s")
class ListedEntriesLoadTest {

    @Autowired
    ListedEntries listed;
    @Autowired
    EntryService entries;
    @Autowired
    ReactiveMongoTemplate mongo;

    ListEntry entry(String code, int n, EntryState state, LegalRepresentative representative) {
        LocalDate today = entries.today();
        return new ListEntry(code + "-" + n, code, "LEGAL_PERSON", "载入测试有限公司", null, "JUDGMENT_DEFAULTER", state, "facts", "basis",
                "（2026）闽0102执R" + n + "号", "COURT", null, today.minusDays(30), today.minusDays(25), today.minusDays(15), null,
                today.minusDays(14), today.plusYears(2), null, state == EntryState.REMOVED ? "OBLIGATION_FULFILLED" : null, representative,
                3, List.of(new Transition(Action.LIST, EntryState.NOTIFIED, EntryState.LISTED, "dept-court", "DEPARTMENT:COURT",
                entries.now(), "listed")));
    }

    @Test
    void theStartReadsEveryLedgerWithAListedEntryWithoutHistoriesAndLinksTheLegalRepresentatives() {
        String code = uscc("91350100MA2Y0R001");
        String person = "person:0123456789abcdef";
        LegalRepresentative representative = new LegalRepresentative("李四", person, "110105********002X");
        // stored by another instance (or before this one started): no event, no write through this instance
        mongo.insert(new Ledger(code, "LEGAL_PERSON", 3, List.of(entry(code, 1, EntryState.LISTED, representative),
                entry(code, 2, EntryState.REMOVED, null)), List.of(), 1, OptimisticLock.of(code, 1)), Ledger.COLLECTION).block();
        assertThat(listed.listed(code)).isEmpty();

        assertThat(listed.load().block()).isGreaterThanOrEqualTo(1L);
        assertThat(listed.listed(code)).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(code + "-1");
            assertThat(e.history()).isEmpty();
            assertThat(e.legalRepresentative().subject()).isEqualTo(person);
        });
        assertThat(listed.representing(person)).extracting(ListEntry::id).containsExactly(code + "-1");

        // an older read never replaces what is held: the version decides
        listed.hold(new Ledger(code, "LEGAL_PERSON", 3, List.of(entry(code, 1, EntryState.REMOVED, representative)), List.of(), 2, null));
        assertThat(listed.listed(code)).isEmpty();
        assertThat(listed.representing(person)).isEmpty();
        listed.load().block();
        assertThat(listed.listed(code)).isEmpty();
    }
}
