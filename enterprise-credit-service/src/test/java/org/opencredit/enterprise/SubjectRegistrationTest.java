package org.opencredit.enterprise;

import static org.opencredit.testkit.TestCodes.uscc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
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
class SubjectRegistrationTest {

    @Autowired
    WebTestClient http;
    @Autowired
    ReactiveMongoTemplate mongo;


    private WebTestClient.ResponseSpec register(String body) {
        return http.post().uri("/api/v1/enterprises").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.registrar()).bodyValue(body).exchange();
    }

    private long stored(String code) {
        return mongo.count(Query.query(Criteria.where("_id").is(code)), "subjects").block();
    }

    private List<ConsumerRecord<String, String>> registeredEventsFor(String code, int atLeast) {
        return TopicReader.readUntil(CreditInfrastructure.get().bootstrapServers(), Topics.SUBJECT,
                        r -> r.stream().filter(x -> code.equals(x.key())).count() >= atLeast, Duration.ofSeconds(20))
                .stream().filter(x -> code.equals(x.key())).toList();
    }

    @Test
    void registersASubjectDerivingWhatTheCodeImpliesAndPublishesTheEvent() {
        String code = uscc("91350100MA2Y00011");
        register("{\"uscc\":\" " + code.toLowerCase() + " \",\"name\":\"福州示例科技有限公司\",\"legalRepresentative\":\"张三\",\"establishedOn\":\"2015-06-01\"}")
                .expectStatus().isCreated()
                .expectHeader().location("/api/v1/enterprises/" + code)
                .expectBody()
                .jsonPath("$.uscc").isEqualTo(code)
                .jsonPath("$.name").isEqualTo("福州示例科技有限公司")
                .jsonPath("$.authority").isEqualTo("MARKET_REGULATION")
                .jsonPath("$.entityKind").isEqualTo("enterprise")
                .jsonPath("$.regionCode").isEqualTo("350100")
                .jsonPath("$.organisationCode").isEqualTo(code.substring(8, 17))
                .jsonPath("$.registeredAt").exists();

        List<ConsumerRecord<String, String>> events = registeredEventsFor(code, 1);
        assertThat(events).hasSize(1);
        ConsumerRecord<String, String> event = events.get(0);
        assertThat(TopicReader.header(event, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.SUBJECT_REGISTERED_V1);
        assertThat(TopicReader.header(event, CloudEventHeaders.SOURCE)).isEqualTo("/enterprise-credit-service");
        assertThat(TopicReader.header(event, CloudEventHeaders.SUBJECT)).isEqualTo(code);
        assertThat(event.value()).contains("\"uscc\":\"" + code + "\"").contains("\"regionCode\":\"350100\"")
                .contains("\"entityKind\":\"enterprise\"");

        // marked sent: the outbox of the stored document empties
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                mongo.findById(code, Document.class, "subjects").block().getList("outbox", Object.class)).isEmpty());

        http.get().uri("/api/v1/enterprises/" + code).header(HttpHeaders.AUTHORIZATION, TestCallers.reader()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.legalRepresentative").isEqualTo("张三");
    }

    @Test
    void rejectsAWrongCheckCharacterNamingTheExpectedOneAndWritesNothing() {
        String good = uscc("91350100MA2Y00022");
        char wrong = good.charAt(17) == '0' ? '1' : '0';
        String bad = good.substring(0, 17) + wrong;
        register("{\"uscc\":\"" + bad + "\",\"name\":\"Bad Check Co.\"}")
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://opencredit.org/problems/invalid-identifier")
                .jsonPath("$.fault").isEqualTo("CHECK_CHARACTER")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("require '" + good.charAt(17) + "'"));
        assertThat(stored(bad)).isZero();
        assertThat(stored(good)).isZero();
    }

    @Test
    void rejectsForbiddenCharactersAndMissingFieldsListingEachField() {
        register("{\"uscc\":\"91350100OA2Y00022X\",\"name\":\"x\"}")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.fault").isEqualTo("CHARACTER")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("character 9 is 'O'"));
        register("{\"name\":\"\"}")
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://opencredit.org/problems/validation")
                .jsonPath("$.errors[?(@.field=='uscc')]").exists()
                .jsonPath("$.errors[?(@.field=='name')]").exists();
        register("{\"uscc\": 12").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/unreadable-request");
    }

    @Test
    void aDuplicateRegistrationIsAConflictAndPublishesNoSecondEvent() {
        String code = uscc("91350100MA2Y00033");
        register("{\"uscc\":\"" + code + "\",\"name\":\"First Name Co.\"}").expectStatus().isCreated();
        register("{\"uscc\":\"" + code + "\",\"name\":\"Second Name Co.\"}")
                .expectStatus().isEqualTo(409)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://opencredit.org/problems/subject-exists")
                .jsonPath("$.uscc").isEqualTo(code);
        http.get().uri("/api/v1/enterprises/" + code).header(HttpHeaders.AUTHORIZATION, TestCallers.reader()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("First Name Co.");
        assertThat(stored(code)).isEqualTo(1);
        registeredEventsFor(code, 1);
        List<ConsumerRecord<String, String>> all = TopicReader.readAll(CreditInfrastructure.get().bootstrapServers(),
                Topics.SUBJECT, Duration.ofSeconds(3)).stream().filter(x -> code.equals(x.key())).toList();
        assertThat(all).hasSize(1);
        assertThat(all.get(0).value()).contains("First Name Co.");
    }

    @Test
    void unknownSubjectIsNotFoundAndPagingIsValidated() {
        String code = uscc("91350100MA2Y00044");
        http.get().uri("/api/v1/enterprises/" + code).header(HttpHeaders.AUTHORIZATION, TestCallers.reader()).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/subject-not-found");
        http.get().uri("/api/v1/enterprises?size=100000").header(HttpHeaders.AUTHORIZATION, TestCallers.reader()).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("size");
    }

    @Test
    void servesItsOpenApiDocumentAndProbes() {
        http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.paths['/api/v1/enterprises']").exists()
                .jsonPath("$.info.title").isEqualTo("OpenCredit enterprise-credit-service")
                // relative: Swagger UI on the gateway must send "try it out" through the gateway
                .jsonPath("$.servers[0].url").isEqualTo("/");
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }
}
