package org.opencredit.enterprise;

import static org.opencredit.testkit.TestCodes.uscc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.contracts.events.EventEnvelope;
import org.opencredit.contracts.events.EventTypes;
import org.opencredit.contracts.events.Topics;
import org.opencredit.testkit.CreditInfrastructure;
import org.opencredit.testkit.EventPublisher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class CreditReportTest {

    @Autowired
    WebTestClient http;


    void submit(String department, String json) {
        http.post().uri("/api/v1/records").contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.AUTHORIZATION, TestCallers.department(department))
                .bodyValue(json).exchange().expectStatus().isCreated();
    }

    static String general(String category, String code, String id, LocalDate decided, String summary) {
        return "{\"category\":\"" + category + "\",\"departmentRecordId\":\"" + id + "\",\"uscc\":\"" + code
                + "\",\"subjectName\":\"报告测试有限公司\",\"decisionDate\":\"" + decided + "\",\"details\":{\"summary\":\"" + summary + "\"}}";
    }

    @Test
    void theReportShowsRecordsInPublicityByPolarityWithRatingAndListEntriesFromEvents() {
        String code = uscc("91350100MA2Y00801");
        LocalDate recent = LocalDate.now().minusDays(3);
        http.post().uri("/api/v1/enterprises").contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.AUTHORIZATION, TestCallers.registrar())
                .bodyValue("{\"uscc\":\"" + code + "\",\"name\":\"报告测试有限公司\",\"legalRepresentative\":\"王五\"}")
                .exchange().expectStatus().isCreated();
        submit("TAX", general("TAX_ARREARS", code, "R-1", recent, "欠缴增值税 <b>12</b> 万元"));
        submit("DEVELOPMENT_REFORM", general("COMMENDATION", code, "R-2", recent, "省级守合同重信用企业"));
        submit("TAX", general("TAX_ARREARS", code, "R-old", LocalDate.now().minusYears(2), "已过公示期"));
        submit("TAX", general("TAX_ARREARS", code, "R-withdrawn", recent, "将被撤回"));
        String withdrawnId = org.opencredit.enterprise.record.RecordRules.recordId("TAX", "R-withdrawn");
        http.post().uri("/api/v1/records/" + withdrawnId + "/withdrawal").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.department("TAX")).bodyValue("{\"reason\":\"已缴清，误报\"}").exchange().expectStatus().isOk();

        try (EventPublisher events = new EventPublisher(CreditInfrastructure.get().bootstrapServers())) {
            events.publish(Topics.RATING, new EventEnvelope(UUID.randomUUID().toString(), EventTypes.RATING_CHANGED_V1,
                    "/rating-service", code, Instant.now(), "{\"subject\":\"" + code
                    + "\",\"grade\":\"C\",\"score\":610,\"modelVersion\":\"enterprise-2026.1\",\"ratedAt\":\"2026-11-20T00:00:00Z\"}"));
            // an older rating arriving later never replaces the newer one
            events.publish(Topics.RATING, new EventEnvelope(UUID.randomUUID().toString(), EventTypes.RATING_CHANGED_V1,
                    "/rating-service", code, Instant.now(), "{\"subject\":\"" + code
                    + "\",\"grade\":\"A\",\"score\":950,\"modelVersion\":\"enterprise-2025.1\",\"ratedAt\":\"2025-01-01T00:00:00Z\"}"));
            events.publish(Topics.LIST_ENTRY, new EventEnvelope(UUID.randomUUID().toString(), EventTypes.LIST_ENTRY_LISTED_V1,
                    "/blacklist-service", code, Instant.now(), "{\"entryId\":\"E-1\",\"subject\":\"" + code
                    + "\",\"listType\":\"MAJOR_TAX_VIOLATOR\",\"listName\":\"重大税收违法失信主体\",\"status\":\"LISTED\","
                    + "\"listedOn\":\"2026-11-01\",\"expiresOn\":\"2029-11-01\",\"legalBasis\":\"国家税务总局令第54号\","
                    + "\"measures\":[\"RESTRICT_PROCUREMENT\"],\"revision\":1,\"changedAt\":\"2026-11-01T00:00:00Z\"}"));
        }

        // the read models and the record index follow the events within seconds
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> http.get().uri("/api/v1/enterprises/" + code + "/report")
                .accept(MediaType.APPLICATION_JSON).header(HttpHeaders.AUTHORIZATION, TestCallers.reader()).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.rating.grade").isEqualTo("C")
                .jsonPath("$.listEntries[0].listName").isEqualTo("重大税收违法失信主体")
                .jsonPath("$.negative.length()").isEqualTo(1)
                .jsonPath("$.positive.length()").isEqualTo(1));

        http.get().uri("/api/v1/enterprises/" + code + "/report").accept(MediaType.APPLICATION_JSON).header(HttpHeaders.AUTHORIZATION, TestCallers.reader()).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo("报告测试有限公司")
                .jsonPath("$.subject.legalRepresentative").isEqualTo("王五")
                .jsonPath("$.negative.length()").isEqualTo(1)
                .jsonPath("$.negative[0].category").isEqualTo("TAX_ARREARS")
                .jsonPath("$.negative[0].count").isEqualTo(1)
                .jsonPath("$.negative[0].records[0].departmentRecordId").isEqualTo("R-1")
                .jsonPath("$.positive[0].categoryName").isEqualTo("表彰奖励信息")
                .jsonPath("$.neutral.length()").isEqualTo(0)
                .jsonPath("$.rating.modelVersion").isEqualTo("enterprise-2026.1")
                .jsonPath("$.generatedAt").exists();

        String html = http.get().uri("/api/v1/enterprises/" + code + "/report").accept(MediaType.TEXT_HTML).header(HttpHeaders.AUTHORIZATION, TestCallers.reader()).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(html).contains("报告测试有限公司").contains("重大税收违法失信主体").contains("&lt;b&gt;12&lt;/b&gt;")
                .doesNotContain("<b>12</b>").doesNotContain("将被撤回").doesNotContain("已过公示期");
    }

    @Test
    void aSubjectUnknownEverywhereIsNotFound() {
        http.get().uri("/api/v1/enterprises/" + uscc("91350100MA2Y00899") + "/report").accept(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.reader()).exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/subject-not-found");
    }

    @Test
    void aRevisedOrWithdrawnRecordReplacesWhatAnEarlierReportShowed() {
        // the records of a report are cached per subject; a change must never be served stale
        String code = uscc("91350100MA2Y00802");
        LocalDate recent = LocalDate.now().minusDays(2);
        submit("TAX", general("TAX_ARREARS", code, "C-1", recent, "第一版内容"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(report(code)).contains("第一版内容"));
        String first = report(code);
        // unchanged data: the same report, assembled once (its generatedAt is when that happened)
        assertThat(generatedAt(report(code))).isEqualTo(generatedAt(first));

        String recordId = org.opencredit.enterprise.record.RecordRules.recordId("TAX", "C-1");
        http.post().uri("/api/v1/records/" + recordId + "/revisions").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.department("TAX"))
                .bodyValue("{\"reason\":\"金额更正\",\"record\":" + general("TAX_ARREARS", code, "C-1", recent, "第二版内容") + "}")
                .exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(report(code)).contains("第二版内容").doesNotContain("第一版内容"));
        assertThat(Instant.parse(generatedAt(report(code)))).isAfter(Instant.parse(generatedAt(first)));

        http.post().uri("/api/v1/records/" + recordId + "/withdrawal").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.department("TAX")).bodyValue("{\"reason\":\"复议撤销\"}")
                .exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> http.get().uri("/api/v1/enterprises/" + code + "/report")
                .header(HttpHeaders.AUTHORIZATION, TestCallers.reader()).exchange().expectStatus().isNotFound());
    }

    static String generatedAt(String report) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"generatedAt\":\"([^\"]+)\"").matcher(report);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    String report(String code) {
        return http.get().uri("/api/v1/enterprises/" + code + "/report").header(HttpHeaders.AUTHORIZATION, TestCallers.reader())
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }
}
