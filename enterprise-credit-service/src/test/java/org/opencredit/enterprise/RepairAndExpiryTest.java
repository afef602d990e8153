package org.opencredit.enterprise;

import static org.opencredit.testkit.TestCodes.uscc;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.contracts.events.CloudEventHeaders;
import org.opencredit.contracts.events.EventTypes;
import org.opencredit.contracts.events.Topics;
import org.opencredit.enterprise.record.PublicityExpiry;
import org.opencredit.enterprise.record.RecordRules;
import org.opencredit.testkit.CreditInfrastructure;
import org.opencredit.testkit.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class RepairAndExpiryTest {

    @Autowired
    WebTestClient http;
    @Autowired
    PublicityExpiry expiry;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;


    String submit(String department, String category, String code, String id, LocalDate decided) {
        http.post().uri("/api/v1/records").contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.AUTHORIZATION, TestCallers.department(department))
                .bodyValue("{\"category\":\"" + category + "\",\"departmentRecordId\":\"" + id + "\",\"uscc\":\"" + code
                        + "\",\"subjectName\":\"修复测试有限公司\",\"decisionDate\":\"" + decided + "\",\"details\":{\"summary\":\"s\"}}")
                .exchange().expectStatus().isCreated();
        return RecordRules.recordId(department, id);
    }

    WebTestClient.ResponseSpec apply(String recordId, String body) {
        return http.post().uri("/api/v1/records/" + recordId + "/repair-applications").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.desk()).bodyValue(body).exchange();
    }

    static final String GOOD_APPLICATION = "{\"applicant\":\"修复测试有限公司\",\"obligationsFulfilled\":true,"
            + "\"obligationsEvidence\":\"缴款书 3501-2026-0001\",\"commitment\":\"本企业承诺依法诚信经营\"}";

    @Test
    void anApprovedRepairEndsPublicationAndTellsEveryConsumer() {
        String code = uscc("91350100MA2Y00901");
        String id = submit("TAX", "TAX_ARREARS", code, "REP-1", LocalDate.now().minusMonths(4));
        String applicationId = apply(id, GOOD_APPLICATION).expectStatus().isCreated().expectBody()
                .jsonPath("$.status").isEqualTo("PENDING")
                .jsonPath("$.answerDue").exists()
                .returnResult().getResponseHeaders().getLocation().getPath().replaceAll(".*/", "");
        apply(id, GOOD_APPLICATION).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/repair-pending");

        http.post().uri("/api/v1/records/" + id + "/repair-applications/" + applicationId + "/decision")
                .contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.AUTHORIZATION, TestCallers.decider("MARKET_SUPERVISION"))
                .bodyValue("{\"approved\":true,\"reason\":\"ok\"}").exchange().expectStatus().isForbidden();
        http.post().uri("/api/v1/records/" + id + "/repair-applications/" + applicationId + "/decision")
                .contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.AUTHORIZATION, TestCallers.decider("TAX"))
                .bodyValue("{\"approved\":true,\"reason\":\"欠税已缴清，承诺已公示\"}").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("REPAIRED");

        http.get().uri("/api/v1/enterprises/" + code + "/records").header(HttpHeaders.AUTHORIZATION, TestCallers.reader()).exchange().expectBody().jsonPath("$.length()").isEqualTo(0);
        http.get().uri("/api/v1/records/" + id + "/repair-applications").header(HttpHeaders.AUTHORIZATION, TestCallers.reader()).exchange().expectBody()
                .jsonPath("$[0].status").isEqualTo("APPROVED").jsonPath("$[0].decidedBy").isEqualTo("TAX");
        var events = TopicReader.readUntil(CreditInfrastructure.get().bootstrapServers(), Topics.RECORD,
                r -> r.stream().anyMatch(x -> code.equals(x.key()) && EventTypes.RECORD_REPAIRED_V1.equals(
                        TopicReader.header(x, CloudEventHeaders.TYPE))), Duration.ofSeconds(20));
        assertThat(events).filteredOn(x -> code.equals(x.key())).extracting(x -> TopicReader.header(x, CloudEventHeaders.TYPE))
                .containsExactly(EventTypes.RECORD_PUBLISHED_V1, EventTypes.RECORD_REPAIRED_V1);
    }

    @Test
    void repairIsRefusedWithTheReasonBeforeTheMinimumPeriodOrForUnrepairableCategories() {
        String code = uscc("91350100MA2Y00902");
        String early = submit("TAX", "TAX_ARREARS", code, "REP-2", LocalDate.now().minusMonths(1));
        apply(early, GOOD_APPLICATION).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo("https://opencredit.org/problems/minimum-period-not-served")
                .jsonPath("$.earliestRepair").isEqualTo(LocalDate.now().minusMonths(1).plusMonths(3).toString());
        String defaulter = submit("COURT", "JUDGMENT_DEFAULTER", code, "REP-3", LocalDate.now().minusYears(3));
        apply(defaulter, GOOD_APPLICATION).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo("https://opencredit.org/problems/not-repairable")
                .jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("by court decision"));
        apply(early, "{\"applicant\":\"x\",\"obligationsFulfilled\":false}").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[?(@.field=='obligationsFulfilled')]").exists()
                .jsonPath("$.errors[?(@.field=='commitment')]").exists();
    }

    @Test
    void publicationEndsAutomaticallyAtTheMaximumWithAnExpiredEvent() {
        String code = uscc("91350100MA2Y00903");
        // decided almost 12 months ago, so its publicity ends in two days (and the sweep touches little else)
        LocalDate decided = LocalDate.now().plusDays(2).minusMonths(12);
        String id = submit("TAX", "TAX_ARREARS", code, "EXP-1", decided);
        LocalDate ends = decided.plusMonths(12);
        expiry.expireDue(ends).block();
        http.get().uri("/api/v1/records/" + id).header(HttpHeaders.AUTHORIZATION, TestCallers.reader()).exchange().expectBody().jsonPath("$.status").isEqualTo("PUBLISHED");
        assertThat(expiry.expireDue(ends.plusDays(1)).block()).isGreaterThanOrEqualTo(1);
        http.get().uri("/api/v1/records/" + id).header(HttpHeaders.AUTHORIZATION, TestCallers.reader()).exchange().expectBody().jsonPath("$.status").isEqualTo("EXPIRED")
                .jsonPath("$.revision").isEqualTo(2);
        http.get().uri("/api/v1/records/" + id + "/history").header(HttpHeaders.AUTHORIZATION, TestCallers.auditor()).exchange().expectBody()
                .jsonPath("$[1].change").isEqualTo("EXPIRED").jsonPath("$[1].by").isEqualTo("platform");
        var events = TopicReader.readUntil(CreditInfrastructure.get().bootstrapServers(), Topics.RECORD,
                r -> r.stream().filter(x -> code.equals(x.key())).count() >= 2, Duration.ofSeconds(20));
        assertThat(events).filteredOn(x -> code.equals(x.key())).extracting(x -> TopicReader.header(x, CloudEventHeaders.TYPE))
                .containsExactly(EventTypes.RECORD_PUBLISHED_V1, EventTypes.RECORD_EXPIRED_V1);
    }

    @Test
    void lateAndOnTimeRecordsAreCountedPerDepartment() {
        String code = uscc("91350100MA2Y00904");
        submit("HUMAN_RESOURCES", "SOCIAL_INSURANCE_ARREARS", code, "LATE-1", LocalDate.now().minusDays(40));
        assertThat(prometheusPage())
                .containsPattern("opencredit_records_ingested_total\\{[^}]*category=\"SOCIAL_INSURANCE_ARREARS\"[^}]*department=\"HUMAN_RESOURCES\""
                        + "[^}]*outcome=\"stored\"[^}]*timeliness=\"late\"");
    }

    @Test
    void submissionsAreCountedByOutcomeStoredDuplicateConflictOrRejected() {
        String code = uscc("91350100MA2Y00905");
        // counts before and after, from the registry behind /actuator/prometheus (other tests submit records too)
        java.util.function.BiFunction<String, String, Double> ingested = (outcome, category) -> {
            io.micrometer.core.instrument.Counter c = meters.find("opencredit.records.ingested").tags("department", "TAX",
                    "category", category, "outcome", outcome, "timeliness", "rejected".equals(outcome) ? "unknown" : "on_time").counter();
            return c == null ? 0.0 : c.count();
        };
        java.util.List<String> outcomes = java.util.List.of("stored", "duplicate", "conflict", "rejected");
        java.util.Map<String, Double> before = new java.util.HashMap<>();
        outcomes.forEach(o -> before.put(o, ingested.apply(o, "TAX_ARREARS")));
        double uncataloguedBefore = ingested.apply("rejected", "unknown");

        LocalDate decided = LocalDate.now().minusDays(1);
        submit("TAX", "TAX_ARREARS", code, "OUT-1", decided);
        String again = "{\"category\":\"TAX_ARREARS\",\"departmentRecordId\":\"OUT-1\",\"uscc\":\"" + code
                + "\",\"subjectName\":\"修复测试有限公司\",\"decisionDate\":\"" + decided + "\",\"details\":{\"summary\":\"s\"}}";
        post(again).expectStatus().isOk();
        post(again.replace("\"s\"}", "\"other\"}")).expectStatus().isEqualTo(409);
        post(again.replace(code, code.substring(0, 17) + (code.endsWith("0") ? "1" : "0"))).expectStatus().isBadRequest();
        post(again.replace("TAX_ARREARS", "NO_SUCH_CATEGORY_" + System.nanoTime())).expectStatus().isBadRequest();

        for (String outcome : outcomes) {
            assertThat(ingested.apply(outcome, "TAX_ARREARS") - before.get(outcome)).as(outcome).isEqualTo(1.0);
        }
        assertThat(ingested.apply("rejected", "unknown") - uncataloguedBefore).as("rejected, a category not in the catalogue").isEqualTo(1.0);
        assertThat(prometheusPage()).containsPattern("opencredit_records_ingested_total\\{[^}]*department=\"TAX\"[^}]*outcome=\"conflict\"");
    }

    /** The whole /actuator/prometheus page (larger than the test client's default 256 KB buffer once many tests ran). */
    String prometheusPage() {
        return http.mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(8 * 1024 * 1024)).build()
                .get().uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    WebTestClient.ResponseSpec post(String record) {
        return http.post().uri("/api/v1/records").contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.AUTHORIZATION, TestCallers.department("TAX"))
                .bodyValue(record).exchange();
    }
}
