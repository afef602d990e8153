package org.opencredit.blacklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencredit.blacklist.BlacklistHttp.COURT;
import static org.opencredit.blacklist.BlacklistHttp.PARTNER;
import static org.opencredit.blacklist.BlacklistHttp.subjectField;
import static org.opencredit.testkit.TestCodes.uscc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.blacklist.entry.Ledger;
import org.opencredit.testkit.CreditInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The publication feed pages entries in the store, selecting ledgers by their keys. */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MutableClock.Config.class)
@AutoConfigureWebTestClient(timeout = "30s")
class PublicationFeedTest {

    @Autowired
    WebTestClient web;
    @Autowired
    MutableClock clock;
    @Autowired
    ReactiveMongoTemplate mongo;
    BlacklistHttp http;

    @BeforeEach
    void setUp() {
        http = new BlacklistHttp(web, clock);
    }

    @SuppressWarnings("unchecked")
    List<String> page(String query) {
        Map<String, Object> body = http.get(PARTNER, "/api/v1/lists/entries?" + query).expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody();
        return ((List<Map<String, Object>>) body.get("entries")).stream().map(e -> (String) e.get("entryId")).toList();
    }

    @Test
    void pagesCountEntriesNotSubjectsAndEveryEntryAppearsOnExactlyOnePage() {
        String twice = uscc("91350100MA2Y0P001");
        String first = http.listed(COURT, "JUDGMENT_DEFAULTER", subjectField(twice), "（2026）闽0102执P1号", null);
        String second = http.listed(COURT, "JUDGMENT_DEFAULTER", subjectField(twice), "（2026）闽0102执P2号", null);
        String other = http.listed(COURT, "JUDGMENT_DEFAULTER", subjectField(uscc("91350100MA2Y0P002")), "（2026）闽0102执P3号", null);

        List<String> all = page("listType=JUDGMENT_DEFAULTER&subjectKind=LEGAL_PERSON&size=100");
        assertThat(all).contains(first, second, other).doesNotHaveDuplicates();
        List<String> paged = new ArrayList<>();
        for (int p = 0; ; p++) {
            List<String> one = page("listType=JUDGMENT_DEFAULTER&subjectKind=LEGAL_PERSON&size=1&page=" + p);
            assertThat(one).hasSizeLessThanOrEqualTo(1);
            if (one.isEmpty()) {
                break;
            }
            paged.addAll(one);
        }
        // the subject with two entries fills two pages of one: pages are entries, skipped and limited in the store
        assertThat(paged).containsExactlyElementsOf(all);
        assertThat(paged.indexOf(second)).isEqualTo(paged.indexOf(first) + 1);
    }

    @Test
    void theLedgerCarriesTheSelectionKeysOfItsEntriesAndARemovalMovesTheEntryBetweenFeeds() {
        String code = uscc("91350100MA2Y0P010");
        String id = http.listed(COURT, "JUDGMENT_DEFAULTER", subjectField(code), "（2026）闽0102执P10号", null);
        assertThat(mongo.findById(code, Document.class, Ledger.COLLECTION).block().getList(Ledger.KEYS, String.class))
                .containsExactlyInAnyOrder("LISTED|*|*", "LISTED|JUDGMENT_DEFAULTER|*", "LISTED|*|LEGAL_PERSON",
                        "LISTED|JUDGMENT_DEFAULTER|LEGAL_PERSON");
        assertThat(page("listType=JUDGMENT_DEFAULTER&size=100")).contains(id);

        http.step(COURT, id, "REMOVE", "已履行", "\"ground\":\"OBLIGATION_FULFILLED\"").expectStatus().isOk();
        assertThat(mongo.findById(code, Document.class, Ledger.COLLECTION).block().getList(Ledger.KEYS, String.class))
                .contains("REMOVED|JUDGMENT_DEFAULTER|LEGAL_PERSON").noneMatch(k -> k.startsWith("LISTED|"));
        assertThat(page("listType=JUDGMENT_DEFAULTER&size=100")).doesNotContain(id);
        assertThat(page("status=REMOVED&listType=JUDGMENT_DEFAULTER&size=100")).contains(id);
    }
}
