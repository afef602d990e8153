package org.opencredit.enterprise;

import static org.opencredit.testkit.TestCodes.uscc;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class RecordLifecycleTest {

    @Autowired
    WebTestClient http;
    @Autowired
    ReactiveMongoTemplate mongo;


    static String penalty(String code, String documentNumber, String content) {
        String decided = LocalDate.now().minusDays(3).toString();
        return """
                {"category":"ADMIN_PENALTY","severity":"GENERAL","departmentRecordId":"%s","uscc":"%s","subjectName":"福州示例有限公司",
                 "decisionDate":"%s","penalty":{"documentNumber":"%s","violationType":"无证经营","penaltyCategory":"罚款",
                 "penaltyContent":"%s","fineAmount":32000,"authority":"福州市市场监督管理局"}}""".formatted(documentNumber, code, decided,
                documentNumber, content);
    }

    WebTestClient.ResponseSpec post(String uri, String department, String body) {
        // without a department: a client with the scope to write records that is no department system
        return http.post().uri(uri).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, department != null ? TestCallers.department(department) : TestCallers.desk())
                .bodyValue(body).exchange();
    }

    List<ConsumerRecord<String, String>> recordEvents(String code, int atLeast) {
        return TopicReader.readUntil(CreditInfrastructure.get().bootstrapServers(), Topics.RECORD,
                r -> r.stream().filter(x -> code.equals(x.key())).count() >= atLeast, Duration.ofSeconds(20))
                .stream().filter(x -> code.equals(x.key())).toList();
    }

    @Test
    void aRecordIsSubmittedOnceRevisedWithdrawnAndItsHistoryKept() {
        String code = uscc("91350100MA2Y00201");
        String body = penalty(code, "闽榕市监罚〔2026〕201号", "罚款3.2万元");
        String id = post("/api/v1/records", "MARKET_SUPERVISION", body)
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.status").isEqualTo("PUBLISHED")
                .jsonPath("$.revision").isEqualTo(1)
                .jsonPath("$.late").isEqualTo(false)
                .jsonPath("$.penalty.fineAmount").isEqualTo(32000)
                .returnResult().getResponseHeaders().getLocation().getPath().replace("/api/v1/records/", "");

        // resubmitting the same record is idempotent; the same id with other content is a conflict
        post("/api/v1/records", "MARKET_SUPERVISION", body).expectStatus().isOk().expectBody().jsonPath("$.recordId").isEqualTo(id);
        post("/api/v1/records", "MARKET_SUPERVISION", penalty(code, "闽榕市监罚〔2026〕201号", "罚款5万元"))
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/record-exists");
        assertThat(mongo.count(Query.query(Criteria.where("uscc").is(code)), "records").block()).isEqualTo(1);

        // another department may not change it; the owner revises with a reason
        post("/api/v1/records/" + id + "/revisions", "TAX", "{\"reason\":\"x\",\"record\":" + penalty(code, "闽榕市监罚〔2026〕201号", "罚款5万元") + "}")
                .expectStatus().isForbidden().expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/not-record-owner");
        post("/api/v1/records/" + id + "/revisions", "MARKET_SUPERVISION",
                "{\"reason\":\"罚款金额更正\",\"record\":" + penalty(code, "闽榕市监罚〔2026〕201号", "罚款5万元") + "}")
                .expectStatus().isOk()
                .expectBody().jsonPath("$.revision").isEqualTo(2).jsonPath("$.penalty.penaltyContent").isEqualTo("罚款5万元");

        post("/api/v1/records/" + id + "/withdrawal", "MARKET_SUPERVISION", "{\"reason\":\"行政复议撤销\"}")
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("WITHDRAWN").jsonPath("$.revision").isEqualTo(3);
        post("/api/v1/records/" + id + "/withdrawal", "MARKET_SUPERVISION", "{\"reason\":\"again\"}")
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/record-closed");

        http.get().uri("/api/v1/records/" + id + "/history").header(HttpHeaders.AUTHORIZATION, TestCallers.auditor()).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(3)
                .jsonPath("$[0].change").isEqualTo("SUBMITTED")
                .jsonPath("$[0].record.penalty.penaltyContent").isEqualTo("罚款3.2万元")
                .jsonPath("$[1].change").isEqualTo("REVISED").jsonPath("$[1].reason").isEqualTo("罚款金额更正")
                .jsonPath("$[2].change").isEqualTo("WITHDRAWN").jsonPath("$[2].by").isEqualTo("MARKET_SUPERVISION");
        http.get().uri("/api/v1/enterprises/" + code + "/records").header(HttpHeaders.AUTHORIZATION, TestCallers.reader()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(0);
        http.get().uri("/api/v1/enterprises/" + code + "/records?all=true").header(HttpHeaders.AUTHORIZATION, TestCallers.auditor()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[0].status").isEqualTo("WITHDRAWN");

        List<ConsumerRecord<String, String>> events = recordEvents(code, 3);
        assertThat(events).extracting(e -> TopicReader.header(e, CloudEventHeaders.TYPE)).containsExactly(
                EventTypes.RECORD_PUBLISHED_V1, EventTypes.RECORD_REVISED_V1, EventTypes.RECORD_WITHDRAWN_V1);
        assertThat(events.get(2).value()).contains("\"status\":\"WITHDRAWN\"").contains("\"reason\":\"行政复议撤销\"")
                .contains("\"revision\":3");
    }

    @Test
    void writesNeedAnEntitledDepartmentAndValidFields() {
        String code = uscc("91350100MA2Y00202");
        post("/api/v1/records", null, penalty(code, "d-1", "c")).expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/department-required");
        post("/api/v1/records", "COURT", penalty(code, "d-1", "c")).expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/category-not-entitled");
        post("/api/v1/records", "MARKET_SUPERVISION", "{\"category\":\"ADMIN_PENALTY\",\"uscc\":\"" + code + "X\"}")
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://opencredit.org/problems/invalid-record")
                .jsonPath("$.errors[?(@.field=='uscc')].message").value(m -> assertThat(m.toString()).contains("19"))
                .jsonPath("$.errors[?(@.field=='decisionDate')]").exists()
                .jsonPath("$.errors[?(@.field=='penalty')]").exists();
        post("/api/v1/records", "MARKET_SUPERVISION", penalty(code, "d-2", "c").replace("\"severity\"", "\"sevrity\""))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("sevrity"));
        assertThat(mongo.count(Query.query(Criteria.where("uscc").is(code)), "records").block()).isZero();
    }

    @Test
    void theCatalogueIsReadable() {
        http.get().uri("/api/v1/catalogue").header(HttpHeaders.AUTHORIZATION, TestCallers.reader()).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.version").isEqualTo("2024.1")
                .jsonPath("$.categories[?(@.code=='ADMIN_PENALTY')].publicity.SERIOUS.maxMonths").isEqualTo(36);
    }
}
