package org.opencredit.blacklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencredit.blacklist.BlacklistHttp.COURT;
import static org.opencredit.blacklist.BlacklistHttp.MARKET;
import static org.opencredit.blacklist.BlacklistHttp.OFFICE;
import static org.opencredit.blacklist.BlacklistHttp.PARTNER;
import static org.opencredit.blacklist.BlacklistHttp.subjectField;
import static org.opencredit.testkit.TestCodes.uscc;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.contracts.events.CloudEventHeaders;
import org.opencredit.contracts.events.EventTypes;
import org.opencredit.contracts.events.Topics;
import org.opencredit.testkit.CreditInfrastructure;
import org.opencredit.testkit.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Entries through HTTP, the ledger in the store and the events on the topic. */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MutableClock.Config.class)
@AutoConfigureWebTestClient(timeout = "30s")
class DueProcessTest {

    @Autowired
    WebTestClient web;
    @Autowired
    MutableClock clock;
    BlacklistHttp http;

    @BeforeEach
    void setUp() {
        http = new BlacklistHttp(web, clock);
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai"));
    }

    @Test
    void anEntryGoesThroughDueProcessWithEveryStepRecordedAndPublished() {
        String code = uscc("91350100MA2Y0D001");
        String id = http.proposed(COURT, "JUDGMENT_DEFAULTER", subjectField(code), "（2026）闽0102执1号", null);
        assertThat(id).isEqualTo(code + "-1");

        // listing without notice: 409 with the current state
        http.step(COURT, id, "LIST", "list now", null).expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/not-notified")
                .jsonPath("$.state").isEqualTo("PROPOSED").jsonPath("$.entryId").isEqualTo(id);

        http.step(COURT, id, "NOTIFY", "失信决定书及权利告知书已送达", null).expectStatus().isOk().expectBody()
                .jsonPath("$.state").isEqualTo("NOTIFIED")
                .jsonPath("$.objectionDeadline").isEqualTo(today().plusDays(10).toString());
        clock.advance(Duration.ofDays(2));
        http.step(OFFICE, id, "OBJECT", "被执行人称已与申请执行人达成和解", null).expectStatus().isOk().expectBody()
                .jsonPath("$.state").isEqualTo("OBJECTED").jsonPath("$.objection.answerDue").isEqualTo(today().plusDays(15).toString());
        http.step(COURT, id, "LIST", "list", null).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo("https://opencredit.org/problems/objection-pending").jsonPath("$.state").isEqualTo("OBJECTED");
        http.step(COURT, id, "ANSWER_OBJECTION", "和解协议未履行，异议不成立", "\"upheld\":false").expectStatus().isOk()
                .expectBody().jsonPath("$.state").isEqualTo("NOTIFIED").jsonPath("$.objection.upheld").isEqualTo(false);
        http.step(COURT, id, "LIST", "异议已答复，依法纳入", null).expectStatus().isOk().expectBody()
                .jsonPath("$.state").isEqualTo("LISTED")
                .jsonPath("$.listedOn").isEqualTo(today().toString())
                .jsonPath("$.expiresOn").isEqualTo(today().plusMonths(24).toString())
                .jsonPath("$.revision").isEqualTo(5)
                .jsonPath("$.history.length()").isEqualTo(5)
                .jsonPath("$.history[2].action").isEqualTo("OBJECT")
                .jsonPath("$.history[2].actor").isEqualTo("office-test")
                .jsonPath("$.history[4].actorKind").isEqualTo("DEPARTMENT:COURT")
                .jsonPath("$.history[4].reason").isEqualTo("异议已答复，依法纳入");

        http.step(COURT, id, "REMOVE", "已履行全部义务", "\"ground\":\"OBLIGATION_FULFILLED\"").expectStatus().isOk()
                .expectBody().jsonPath("$.state").isEqualTo("REMOVED").jsonPath("$.removalGround").isEqualTo("OBLIGATION_FULFILLED");
        http.step(COURT, id, "REMOVE", "again", "\"ground\":\"OBLIGATION_FULFILLED\"").expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo("https://opencredit.org/problems/already-removed").jsonPath("$.state").isEqualTo("REMOVED");

        List<ConsumerRecord<String, String>> events = TopicReader.readUntil(CreditInfrastructure.get().bootstrapServers(),
                Topics.LIST_ENTRY, r -> r.stream().filter(x -> code.equals(x.key())).count() >= 6, Duration.ofSeconds(20));
        List<ConsumerRecord<String, String>> mine = events.stream().filter(x -> code.equals(x.key())).toList();
        assertThat(mine).extracting(x -> TopicReader.header(x, CloudEventHeaders.TYPE)).containsExactly(
                EventTypes.LIST_ENTRY_PROPOSED_V1, EventTypes.LIST_ENTRY_PROPOSED_V1, EventTypes.LIST_ENTRY_PROPOSED_V1,
                EventTypes.LIST_ENTRY_PROPOSED_V1, EventTypes.LIST_ENTRY_LISTED_V1, EventTypes.LIST_ENTRY_REMOVED_V1);
        assertThat(mine.get(1).value()).contains("\"state\":\"NOTIFIED\"").contains("\"transition\":\"NOTIFY\"");
        assertThat(mine.get(4).value()).contains("\"status\":\"LISTED\"").contains("\"NO_FLIGHTS\"").contains("\"revision\":5");
        assertThat(mine.get(5).value()).contains("\"status\":\"REMOVED\"").contains("已履行全部义务");
    }

    @Test
    void onlyTheIssuingAuthorityOrTheOfficeTakesSteps() {
        String code = uscc("91350100MA2Y0D002");
        String body = "{\"listType\":\"JUDGMENT_DEFAULTER\"," + subjectField(code) + ",\"subjectName\":\"某公司\","
                + "\"facts\":\"f\",\"decisionNumber\":\"（2026）闽0102执2号\"}";
        http.propose(MARKET, body).expectStatus().isForbidden().expectBody()
                .jsonPath("$.type").isEqualTo("https://opencredit.org/problems/not-issuing-authority")
                .jsonPath("$.issuingAuthority").isEqualTo("COURT");
        http.propose(PARTNER, body).expectStatus().isForbidden().expectBody().jsonPath("$.requiredScope").isEqualTo("lists:write");
        String id = http.proposed(OFFICE, "JUDGMENT_DEFAULTER", subjectField(code), "（2026）闽0102执2号", null);
        http.step(MARKET, id, "NOTIFY", "n", null).expectStatus().isForbidden();
        // the same decision again is a conflict naming the entry
        http.propose(COURT, body).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo("https://opencredit.org/problems/entry-exists").jsonPath("$.entryId").isEqualTo(id);
        // a proposal is not public: a reader without lists:write does not see it
        http.get(PARTNER, "/api/v1/list-entries/" + id).expectStatus().isNotFound();
        http.get(COURT, "/api/v1/list-entries/" + id).expectStatus().isOk().expectBody().jsonPath("$.authority").isEqualTo("OFFICE");
        http.step(COURT, id, "WITHDRAW", "案件已执行完毕", null).expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("WITHDRAWN");
        http.step(COURT, id, "NOTIFY", "n", null).expectStatus().isEqualTo(409).expectBody().jsonPath("$.state").isEqualTo("WITHDRAWN");
    }

    @Test
    void badInputIsAnsweredWithProblemJsonNamingTheFix() {
        http.propose(COURT, "{\"listType\":\"NO_SUCH_LIST\"," + subjectField(uscc("91350100MA2Y0D003"))
                        + ",\"subjectName\":\"x\",\"facts\":\"f\",\"decisionNumber\":\"d\"}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/unknown-list-type")
                .jsonPath("$.known.length()").isEqualTo(6);
        http.propose(COURT, "{\"listType\":\"JUDGMENT_DEFAULTER\",\"uscc\":\"91350100M000100Y4Z\",\"subjectName\":\"x\",\"facts\":\"f\",\"decisionNumber\":\"d\"}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/invalid-identifier");
        http.propose(COURT, "{\"listType\":\"JUDGMENT_DEFAULTER\",\"subjectName\":\"x\",\"facts\":\"f\",\"decisionNumber\":\"d\"}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/subject-required");
        http.propose(MARKET, "{\"listType\":\"ABNORMAL_OPERATION\",\"identityNumber\":\"11010519491231002X\",\"subjectName\":\"x\","
                        + "\"facts\":\"f\",\"decisionNumber\":\"d\"}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/subject-kind-not-listable");
        String id = http.listed(COURT, "JUDGMENT_DEFAULTER", subjectField(uscc("91350100MA2Y0D004")), "（2026）闽0102执4号", null);
        http.step(COURT, id, "EXTEND", "暴力抗拒执行", "\"years\":5").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("years");
        http.step(COURT, id, "EXPIRE", "x", null).expectStatus().isBadRequest();
        http.step(COURT, code404(), "NOTIFY", "x", null).expectStatus().isNotFound();
    }

    static String code404() {
        return uscc("91350100MA2Y0D099") + "-7";
    }
}
