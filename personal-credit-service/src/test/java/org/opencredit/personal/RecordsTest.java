package org.opencredit.personal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.contracts.events.EventTypes;
import org.opencredit.contracts.events.Topics;
import org.opencredit.contracts.security.Purposes;
import org.opencredit.personal.access.AccessPolicy;
import org.opencredit.testkit.CreditInfrastructure;
import org.opencredit.testkit.TopicReader;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Personal records: catalogued categories only, prohibited fields refused whole, revisions and withdrawals with events. */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class RecordsTest {

    @Autowired
    WebTestClient http;
    @Autowired
    ReactiveMongoTemplate mongo;

    final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void stopCapturing() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    String logged() {
        List<ILoggingEvent> copy;
        synchronized (logs) {
            copy = new ArrayList<>(logs.list);
        }
        return copy.stream().map(e -> e.getFormattedMessage() + " " + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage()))
                .reduce("", String::concat);
    }

    static String penalty(String recordId, String number, String extra) {
        String decided = LocalDate.now().minusDays(10).toString();
        return """
                {"departmentRecordId":"%s","category":"ADMIN_PENALTY","severity":"GENERAL","identityNumber":"%s","name":"陈小明",
                 "decisionDate":"%s","title":"闯红灯","content":"驾驶机动车违反交通信号灯通行，罚款200元","authority":"福州市公安局交通警察支队"%s}"""
                .formatted(recordId, number, decided, extra);
    }

    WebTestClient.ResponseSpec submit(String department, String body) {
        return http.post().uri("/api/v1/person-records").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.department(department, null)).bodyValue(body).exchange();
    }

    List<ConsumerRecord<String, String>> events(String personRef, int atLeast) {
        return TopicReader.readUntil(CreditInfrastructure.get().bootstrapServers(), Topics.PERSON_RECORD,
                        r -> r.stream().filter(x -> personRef.equals(x.key())).count() >= atLeast, Duration.ofSeconds(20))
                .stream().filter(x -> personRef.equals(x.key())).toList();
    }

    @Test
    void aRecordIsPublishedRevisedAndWithdrawnWithEventsThatCarryNoIdentityNumber() {
        String number = TestCallers.newIdentityNumber();
        String id = submit("TRANSPORT", penalty("闽公交罚-0001", number, ""))
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.status").isEqualTo("PUBLISHED").jsonPath("$.revision").isEqualTo(1)
                .jsonPath("$.polarity").isEqualTo("NEGATIVE").jsonPath("$.identityNumber").doesNotExist().jsonPath("$.name").doesNotExist()
                .returnResult().getResponseHeaders().getLocation().getPath().replace("/api/v1/person-records/", "");
        Document stored = mongo.findById(id, Document.class, "person_records").block();
        String personRef = stored.getString("personRef");
        assertThat(stored.toJson()).doesNotContain(number).doesNotContain("陈小明");

        // an identical resubmission is idempotent; other content under the same id is a conflict
        submit("TRANSPORT", penalty("闽公交罚-0001", number, "")).expectStatus().isOk().expectBody().jsonPath("$.recordId").isEqualTo(id);
        submit("TRANSPORT", penalty("闽公交罚-0001", number, ",\"documentNumber\":\"X-2\"")).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/record-exists");

        // another department may not touch it; the owner revises and withdraws with reasons
        http.post().uri("/api/v1/person-records/" + id + "/withdrawal").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.department("TAX", null)).bodyValue("{\"reason\":\"x\"}").exchange()
                .expectStatus().isForbidden();
        String revision = penalty("闽公交罚-0001", number, "").replace("罚款200元", "罚款100元").replaceFirst("\\{", "{\"reason\":\"金额更正\",");
        http.post().uri("/api/v1/person-records/" + id + "/revisions").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.department("TRANSPORT", null)).bodyValue(revision).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.revision").isEqualTo(2).jsonPath("$.content").value(c ->
                        assertThat(c.toString()).contains("100元"));
        http.post().uri("/api/v1/person-records/" + id + "/withdrawal").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.department("TRANSPORT", null)).bodyValue("{\"reason\":\"处罚决定被撤销\"}")
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("WITHDRAWN").jsonPath("$.revision").isEqualTo(3);
        Document after = mongo.findById(id, Document.class, "person_records").block();
        assertThat(after.getList("history", Document.class)).extracting(d -> d.getString("change"))
                .containsExactly("SUBMITTED", "REVISED", "WITHDRAWN");

        List<ConsumerRecord<String, String>> events = events(personRef, 3);
        assertThat(events).extracting(e -> TopicReader.header(e, "ce_type")).containsExactly(EventTypes.PERSON_RECORD_PUBLISHED_V1,
                EventTypes.PERSON_RECORD_REVISED_V1, EventTypes.PERSON_RECORD_WITHDRAWN_V1);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.value()).contains("\"personRef\":\"" + personRef + "\"").doesNotContain(number).doesNotContain(number.substring(0, 14));
            assertThat(TopicReader.header(e, "ce_subject")).isEqualTo(personRef);
        });
    }

    @LocalServerPort
    int port;

    /** Sent with the JDK client, which logs nothing, so only the service's own logs are captured. */
    JsonNode quietPost(String path, String token, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").header("Authorization", token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = JsonMapper.builder().build().readTree(response.body());
        ((ObjectNode) json).put("httpStatus", response.statusCode());
        return json;
    }

    @Test
    void aSubmissionWithAProhibitedFieldIsRejectedWholeNamingTheFieldAndNothingIsStoredOrLogged() throws Exception {
        String number = TestCallers.newIdentityNumber();
        String token = TestCallers.department("TRANSPORT", null);
        JsonNode first = quietPost("/api/v1/person-records", token,
                penalty("闽公交罚-0100", number, ",\"details\":{\"bloodType\":\"稀有RH阴性血型\"}"));
        assertThat(first.get("httpStatus").asInt()).isEqualTo(400);
        assertThat(first.get("type").asString()).isEqualTo("https://opencredit.org/problems/prohibited-field");
        assertThat(first.get("field").asString()).isEqualTo("details.bloodType");
        assertThat(first.get("detail").asString()).contains("details.bloodType").contains("blood type").doesNotContain("稀有RH阴性");
        JsonNode second = quietPost("/api/v1/person-records", token,
                penalty("闽公交罚-0101", number, ",\"宗教信仰\":\"某教\",\"medicalHistory\":\"某病史\""));
        assertThat(second.get("fields").get(0).asString()).isEqualTo("宗教信仰");
        assertThat(second.get("fields").get(1).asString()).isEqualTo("medicalHistory");

        assertThat(mongo.count(Query.query(Criteria.where("record.departmentRecordId").in("闽公交罚-0100", "闽公交罚-0101")),
                "person_records").block()).isZero();
        // not even the person was registered from the rejected submissions
        assertThat(quietPost("/api/v1/persons/lookup", TestCallers.department("TRANSPORT", Purposes.SUPERVISION),
                "{\"identityNumber\":\"" + number + "\"}").get("httpStatus").asInt()).isEqualTo(404);
        assertThat(logs.list).isNotEmpty();
        assertThat(logged()).doesNotContain("稀有RH阴性").doesNotContain("某病史").doesNotContain(number).doesNotContain(number.substring(0, 14));
    }

    @Test
    void financialAmountsNeedTheWrittenConsentReference() {
        String number = TestCallers.newIdentityNumber();
        submit("TRANSPORT", penalty("闽公交罚-0200", number, ",\"income\":120000"))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/consent-required-field")
                .jsonPath("$.field").isEqualTo("income");
        String id = submit("TRANSPORT", penalty("闽公交罚-0200", number, ",\"income\":120000,\"consentReference\":\"WA-2026-0042\""))
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.income").doesNotExist()
                .jsonPath("$.recordId").value(String.class, v -> { }).returnResult().getResponseHeaders().getLocation().getPath()
                .replace("/api/v1/person-records/", "");
        Document stored = mongo.findById(id, Document.class, "person_records").block();
        assertThat(stored.get("record", Document.class).getString("consentReference")).isEqualTo("WA-2026-0042");
        assertThat(stored.get("record", Document.class).get("amounts", Document.class)).containsKey("income");
    }

    @Test
    void onlyCataloguedNaturalPersonCategoriesOfTheDepartmentAndKnownFieldsAreAccepted() {
        String number = TestCallers.newIdentityNumber();
        submit("TAX", penalty("税-1", number, "").replace("ADMIN_PENALTY", "TAX_ARREARS"))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/unknown-category").jsonPath("$.field").isEqualTo("category");
        submit("COURT", penalty("法-1", number, ""))
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/category-not-entitled");
        submit("TRANSPORT", penalty("闽公交罚-0300", number, ",\"colour\":\"red\""))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/unknown-field").jsonPath("$.field").isEqualTo("colour");
        submit("TRANSPORT", penalty("闽公交罚-0301", number, "").replace("\"title\":\"闯红灯\",", "").replace("GENERAL", "HUGE"))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/validation")
                .jsonPath("$.errors[0].field").isEqualTo("title");
        submit("TRANSPORT", penalty("闽公交罚-0302", number.substring(0, 17) + (number.charAt(17) == '1' ? "2" : "1"), ""))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.fault").isEqualTo("CHECK_CHARACTER");
        http.post().uri("/api/v1/person-records").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.partner("partner-writer", null)).bodyValue(penalty("p", number, "")).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void aThirdPartyReadsOnlyPublishedRecordsWithPurposeAndConsent() {
        String number = TestCallers.newIdentityNumber();
        String kept = submit("TRANSPORT", penalty("闽公交罚-0400", number, "")).expectStatus().isCreated()
                .expectBody(Document.class).returnResult().getResponseBody().getString("recordId");
        String gone = submit("TRANSPORT", penalty("闽公交罚-0401", number, "")).expectStatus().isCreated()
                .expectBody(Document.class).returnResult().getResponseBody().getString("recordId");
        String personRef = mongo.findById(kept, Document.class, "person_records").block().getString("personRef");
        http.post().uri("/api/v1/person-records/" + gone + "/withdrawal").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.department("TRANSPORT", null)).bodyValue("{\"reason\":\"撤销\"}")
                .exchange().expectStatus().isOk();
        http.get().uri("/api/v1/persons/" + personRef + "/records").header(HttpHeaders.AUTHORIZATION,
                TestCallers.partner("partner-records", Purposes.HIRING)).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/consent-required");
        String consent = Consents.register(http, number, "partner-records", Purposes.HIRING);
        http.get().uri("/api/v1/persons/" + personRef + "/records").header(HttpHeaders.AUTHORIZATION,
                        TestCallers.partner("partner-records", Purposes.HIRING)).header(AccessPolicy.CONSENT_HEADER, consent).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(1).jsonPath("$[0].recordId").isEqualTo(kept);
        assertThat(mongo.count(Query.query(Criteria.where("personRef").is(personRef).and("data").is("records")), "access_log").block())
                .isEqualTo(2);
    }
}
