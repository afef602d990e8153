package org.opencredit.blacklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.opencredit.blacklist.BlacklistHttp.CHECKER;
import static org.opencredit.blacklist.BlacklistHttp.COURT;
import static org.opencredit.blacklist.BlacklistHttp.OFFICE;
import static org.opencredit.blacklist.BlacklistHttp.PARTNER;
import static org.opencredit.blacklist.BlacklistHttp.TAX;
import static org.opencredit.blacklist.BlacklistHttp.subjectField;
import static org.opencredit.testkit.TestCodes.uscc;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.blacklist.catalogue.ListCatalogue;
import org.opencredit.blacklist.entry.EntryState;
import org.opencredit.testkit.CreditInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Objection deadlines (DOMAIN §4: objections are answered within a set time) and the operations
 * board's gauges: an unanswered objection past its answer date is flagged on the entry, listed for the
 * office, counted, and the entry stays suspended (never listed by default).
 */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MutableClock.Config.class)
@AutoConfigureWebTestClient(timeout = "30s")
class ObjectionDeadlineTest {

    @Autowired
    WebTestClient web;
    @Autowired
    MutableClock clock;
    @Autowired
    MeterRegistry registry;
    @Autowired
    ListCatalogue catalogue;
    BlacklistHttp http;

    @BeforeEach
    void setUp() {
        http = new BlacklistHttp(web, clock);
    }

    double objections(String state) {
        return registry.get("opencredit.list.objections").tag("state", state).gauge().value();
    }

    @SuppressWarnings("unchecked")
    List<String> objectionList(String token, String filter) {
        Map<String, Object> body = http.get(token, "/api/v1/list-entries?size=100&objection=" + filter).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) body.get("entries")).stream().map(e -> (String) e.get("id")).toList();
    }

    String objected(String code, String decision) {
        String id = http.proposed(TAX, "MAJOR_TAX_VIOLATION", subjectField(code), decision, null);
        http.step(TAX, id, "NOTIFY", "税务行政处罚决定书及权利告知书已送达", null).expectStatus().isOk();
        http.step(OFFICE, id, "OBJECT", "当事人称已补缴税款", null).expectStatus().isOk().expectBody()
                .jsonPath("$.state").isEqualTo("OBJECTED").jsonPath("$.objectionOverdue").isEqualTo(false);
        return id;
    }

    @Test
    void everyCataloguedListTypeAndStateIsExportedForPrometheusZeroWhenNone() {
        String body = web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        for (String type : catalogue.listTypeCodes()) {
            for (EntryState state : EntryState.values()) {
                assertThat(body).containsPattern("(?m)^opencredit_list_entries\\{[^}]*listType=\"" + type + "\"[^}]*state=\""
                        + state.name() + "\"[^}]*} [0-9.E]+$");
            }
        }
        assertThat(body).containsPattern("(?m)^opencredit_list_objections\\{[^}]*state=\"open\"[^}]*} [0-9.E]+$")
                .containsPattern("(?m)^opencredit_list_objections\\{[^}]*state=\"overdue\"[^}]*} [0-9.E]+$");
        // red lists have no objected entries in any test: a combination with no entry is exported as 0
        assertThat(body).containsPattern("(?m)^opencredit_list_entries\\{[^}]*listType=\"RED_LIST\"[^}]*state=\"OBJECTED\"[^}]*} 0\\.0$");
    }

    @Test
    void anObjectionPastItsAnswerDateIsFlaggedListedForTheOfficeCountedAndKeepsTheEntrySuspended() {
        String code = uscc("91350100MA2Y0G010");
        String id = objected(code, "闽税稽罚〔2026〕G10号");
        assertThat(objectionList(OFFICE, "open")).contains(id);
        assertThat(objectionList(OFFICE, "overdue")).doesNotContain(id);

        // MAJOR_TAX_VIOLATION objections are answered within 10 days; the 11th day without an answer is overdue
        clock.advance(Duration.ofDays(11));
        http.get(TAX, "/api/v1/list-entries/" + id).expectStatus().isOk().expectBody()
                .jsonPath("$.state").isEqualTo("OBJECTED").jsonPath("$.objectionOverdue").isEqualTo(true)
                .jsonPath("$.objection.answeredOn").doesNotExist();
        List<String> overdue = objectionList(OFFICE, "overdue");
        assertThat(overdue).contains(id);
        assertThat(objectionList(TAX, "overdue")).contains(id);
        // the court issues no tax lists: it does not see (or have to chase) the tax authority's objections
        assertThat(objectionList(COURT, "overdue")).doesNotContain(id);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(objections("overdue")).isEqualTo(objectionList(OFFICE, "overdue").size()));

        // overdue is never a licence to list: the entry stays suspended until the objection is answered
        http.step(TAX, id, "LIST", "逾期未答复，径行纳入", null).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo("https://opencredit.org/problems/objection-pending").jsonPath("$.state").isEqualTo("OBJECTED");
        http.check(CHECKER, "{" + subjectField(code) + ",\"scenario\":\"GOVERNMENT_PROCUREMENT\",\"purpose\":\"采购资格审查\"}")
                .expectStatus().isOk().expectBody().jsonPath("$.verdict").isEqualTo("NO_RESTRICTION");

        // answered (late): no longer open or overdue
        http.step(TAX, id, "ANSWER_OBJECTION", "经复核，补缴不足，异议不成立", "\"upheld\":false").expectStatus().isOk().expectBody()
                .jsonPath("$.state").isEqualTo("NOTIFIED").jsonPath("$.objectionOverdue").isEqualTo(false);
        assertThat(objectionList(OFFICE, "overdue")).doesNotContain(id);
        assertThat(objectionList(OFFICE, "open")).doesNotContain(id);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(objections("overdue")).isEqualTo(objectionList(OFFICE, "overdue").size()));
    }

    @Test
    void theObjectionListAnswersBadFiltersAndOutsidersWithProblemJson() {
        http.get(OFFICE, "/api/v1/list-entries?objection=late").expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/unknown-objection-filter");
        http.get(OFFICE, "/api/v1/list-entries?objection=open&listType=NO_SUCH_LIST").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/unknown-list-type");
        http.get(OFFICE, "/api/v1/list-entries?objection=open&size=1000").expectStatus().isBadRequest();
        http.get(COURT, "/api/v1/list-entries?objection=open&listType=MAJOR_TAX_VIOLATION").expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/not-issuing-authority");
        // a partner reads the published lists only
        http.get(PARTNER, "/api/v1/list-entries?objection=open").expectStatus().isForbidden()
                .expectBody().jsonPath("$.requiredScope").isEqualTo("lists:write");
    }
}
