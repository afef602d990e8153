package org.opencredit.personal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.contracts.events.EventTypes;
import org.opencredit.contracts.events.Topics;
import org.opencredit.contracts.security.Purposes;
import org.opencredit.testkit.CreditInfrastructure;
import org.opencredit.testkit.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** An objection flags the record at once, notifies the department, is due in 20 days and is resolved in writing. */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class ObjectionsTest {

    @Autowired
    WebTestClient http;
    @Autowired
    ReactiveMongoTemplate mongo;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry registry;

    String submit(String number, String recordId) {
        String body = """
                {"departmentRecordId":"%s","category":"ADMIN_PENALTY","identityNumber":"%s","name":"黄某","decisionDate":"%s",
                 "title":"超速","content":"超速50%%以上"}""".formatted(recordId, number, LocalDate.now().minusDays(5));
        return http.post().uri("/api/v1/person-records").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.department("TRANSPORT", null)).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(Document.class).returnResult().getResponseBody().getString("recordId");
    }

    WebTestClient.ResponseSpec post(String uri, String token, String body) {
        return http.post().uri(uri).contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.AUTHORIZATION, token).bodyValue(body).exchange();
    }

    @Test
    void anObjectionFlagsTheRecordAndIsAnsweredInWriting() {
        String number = TestCallers.newIdentityNumber();
        String id = submit(number, "obj-1");
        String personRef = mongo.findById(id, Document.class, "person_records").block().getString("personRef");
        String desk = TestCallers.desk(Purposes.OBJECTION_HANDLING);

        // a department cannot open one for the person; the desk can, and the record is disputed at once
        post("/api/v1/person-records/" + id + "/objections", TestCallers.department("TRANSPORT", null), "{\"grounds\":\"x\"}")
                .expectStatus().isForbidden();
        Document opened = post("/api/v1/person-records/" + id + "/objections", desk, "{\"grounds\":\"当日车辆已出售，非本人驾驶\"}")
                .expectStatus().isCreated()
                .expectBody(Document.class).returnResult().getResponseBody();
        assertThat(opened.getBoolean("disputed")).isTrue();
        java.util.Map<?, ?> objection = (java.util.Map<?, ?>) ((List<?>) opened.get("objections")).get(0);
        assertThat(objection.get("dueBy")).isEqualTo(LocalDate.now(ZoneOffset.UTC).plusDays(20).toString());
        String objectionId = (String) objection.get("objectionId");
        post("/api/v1/person-records/" + id + "/objections", desk, "{\"grounds\":\"again\"}").expectStatus().isEqualTo(409);

        // third parties see it as disputed
        http.get().uri("/api/v1/persons/" + personRef + "/records").header(HttpHeaders.AUTHORIZATION,
                        TestCallers.department("HUMAN_RESOURCES", Purposes.HIRING)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[0].disputed").isEqualTo(true);

        // the department's list shows it, not yet overdue
        http.get().uri("/api/v1/objections").header(HttpHeaders.AUTHORIZATION, TestCallers.department("TRANSPORT", null)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.objections[?(@.recordId=='" + id + "')].overdue").isEqualTo(false);

        // accepting needs a change; rejecting needs the written answer
        post("/api/v1/person-records/" + id + "/objections/" + objectionId + "/resolution", TestCallers.department("TRANSPORT", null),
                "{\"outcome\":\"ACCEPTED\",\"answer\":\"属实\"}").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/objection-needs-change");
        post("/api/v1/person-records/" + id + "/objections/" + objectionId + "/resolution", TestCallers.department("TRANSPORT", null),
                "{\"outcome\":\"REJECTED\"}").expectStatus().isBadRequest();
        post("/api/v1/person-records/" + id + "/objections/" + objectionId + "/resolution", TestCallers.department("TRANSPORT", null),
                "{\"outcome\":\"REJECTED\",\"answer\":\"经核查监控录像，驾驶人为本人\"}").expectStatus().isOk()
                .expectBody().jsonPath("$.disputed").isEqualTo(false).jsonPath("$.objections[0].status").isEqualTo("REJECTED")
                .jsonPath("$.objections[0].answer").isEqualTo("经核查监控录像，驾驶人为本人");

        // a second objection, accepted by withdrawing the record
        String second = post("/api/v1/person-records/" + id + "/objections", desk, "{\"grounds\":\"新证据\"}").expectStatus().isCreated()
                .expectBody(Document.class).returnResult().getResponseBody().get("objections", List.class).get(1) instanceof java.util.Map<?, ?> m ? (String) m.get("objectionId") : null;
        post("/api/v1/person-records/" + id + "/objections/" + second + "/resolution", TestCallers.desk(Purposes.OBJECTION_HANDLING),
                "{\"outcome\":\"ACCEPTED\",\"answer\":\"证据属实，撤回记录\",\"withdraw\":true}").expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("WITHDRAWN").jsonPath("$.disputed").isEqualTo(false);

        List<ConsumerRecord<String, String>> events = TopicReader.readUntil(CreditInfrastructure.get().bootstrapServers(),
                        Topics.PERSON_RECORD, r -> r.stream().filter(x -> personRef.equals(x.key())).count() >= 6, Duration.ofSeconds(20))
                .stream().filter(x -> personRef.equals(x.key())).toList();
        assertThat(events).extracting(e -> TopicReader.header(e, "ce_type")).containsExactly(EventTypes.PERSON_RECORD_PUBLISHED_V1,
                EventTypes.PERSON_OBJECTION_OPENED_V1, EventTypes.PERSON_OBJECTION_RESOLVED_V1, EventTypes.PERSON_OBJECTION_OPENED_V1,
                EventTypes.PERSON_RECORD_WITHDRAWN_V1, EventTypes.PERSON_OBJECTION_RESOLVED_V1);
        assertThat(events.get(2).value()).contains("\"outcome\":\"REJECTED\"").contains("\"objectionId\":\"" + objectionId + "\"");
    }

    @Test
    void anObjectionPastItsTwentyDaysIsShownAndCountedAsOverdue() {
        String id = submit(TestCallers.newIdentityNumber(), "obj-late");
        post("/api/v1/person-records/" + id + "/objections", TestCallers.desk(Purposes.OBJECTION_HANDLING), "{\"grounds\":\"不实\"}")
                .expectStatus().isCreated();
        // arrange an objection opened 21 days ago, directly in the store
        LocalDate opened = LocalDate.now(ZoneOffset.UTC).minusDays(21);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), new Update().set("objections.0.dueBy", opened.plusDays(20))
                .set("objections.0.openedAt", opened.atStartOfDay().toInstant(ZoneOffset.UTC)), "person_records").block();
        http.get().uri("/api/v1/objections").header(HttpHeaders.AUTHORIZATION, TestCallers.desk(null)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.objections[?(@.recordId=='" + id + "')].overdue").isEqualTo(true)
                .jsonPath("$.overdue").value(n -> assertThat(((Number) n).intValue()).isGreaterThanOrEqualTo(1));
        // and counted for operators
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(registry.get("opencredit.persons.objections.overdue").gauge().value()).isGreaterThanOrEqualTo(1));
    }
}
