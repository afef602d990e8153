package org.opencredit.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.contracts.events.EventTypes;
import org.opencredit.contracts.events.Topics;
import org.opencredit.contracts.security.Purposes;
import org.opencredit.personal.person.IdentityProtection;
import org.opencredit.personal.person.KeyProperties;
import org.opencredit.personal.person.MissingKeyException;
import org.opencredit.personal.person.PersonPseudonyms;
import org.opencredit.personal.person.PseudonymBackfill;
import org.opencredit.personal.record.RecordPseudonymBackfill;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform-wide person pseudonym: the same value blacklist-service computes for the same number and
 * pepper, stored on the person at registration, copied onto records, carried by every record event, and
 * backfilled for persons and records stored before it existed.
 */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class PersonPseudonymTest {

    /** The pepper the module's test configuration gives the service (and credit-testkit gives blacklist-service). */
    static final String TEST_PEPPER = "test-person-pepper-not-a-secret-test-person-pepper";

    @Autowired
    WebTestClient http;
    @Autowired
    ReactiveMongoTemplate mongo;
    @Autowired
    IdentityProtection protection;
    @Autowired
    PersonPseudonyms pseudonyms;

    /** blacklist-service's formula (PersonKeys), recomputed independently here. */
    static String blacklistPseudonym(String pepper, String normalisedNumber) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(pepper.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] digest = mac.doFinal(("person:" + normalisedNumber).getBytes(StandardCharsets.UTF_8));
        return "person:" + HexFormat.of().formatHex(digest).substring(0, 16);
    }

    /** A fresh valid number whose check character is X, so the normalisation to upper case matters. */
    static String numberEndingInX() {
        while (true) {
            String n = TestCallers.newIdentityNumber();
            if (n.endsWith("X")) {
                return n;
            }
        }
    }

    @Test
    void thePseudonymIsBlacklistServicesForAKnownNumberAndPepper() throws Exception {
        PersonPseudonyms known = PersonPseudonyms.from(new KeyProperties(null, null, TEST_PEPPER, false));
        String number = "11010519491231002X";
        String pseudonym = known.of(number);
        assertThat(pseudonym).matches("^person:[0-9a-f]{16}$").isEqualTo(blacklistPseudonym(TEST_PEPPER, number));
        // keyed: another pepper, another pseudonym; another number, another pseudonym
        String otherPepper = "another-pepper-of-at-least-thirty-two-characters";
        assertThat(PersonPseudonyms.from(new KeyProperties(null, null, otherPepper, false)).of(number))
                .isEqualTo(blacklistPseudonym(otherPepper, number)).isNotEqualTo(pseudonym);
        assertThat(known.of("110105194912310029")).isNotEqualTo(pseudonym);
    }

    @Test
    void aMissingOrShortPepperIsRefusedNamingItsVariable() {
        assertThatThrownBy(() -> PersonPseudonyms.from(new KeyProperties(null, null, null, false)))
                .isInstanceOf(MissingKeyException.class).hasMessageContaining("OPENCREDIT_PERSON_PEPPER");
        assertThatThrownBy(() -> PersonPseudonyms.from(new KeyProperties(null, null, "  ", false)))
                .isInstanceOf(MissingKeyException.class).hasMessageContaining("OPENCREDIT_PERSON_PEPPER");
        assertThatThrownBy(() -> PersonPseudonyms.from(new KeyProperties(null, null, "x".repeat(31), false)))
                .isInstanceOf(MissingKeyException.class).hasMessageContaining("OPENCREDIT_PERSON_PEPPER")
                .hasMessageContaining("at least 32 characters");
    }

    @Test
    void theRegisteredPersonKeepsItAndEveryRecordEventCarriesIt() throws Exception {
        String number = numberEndingInX();
        String expected = blacklistPseudonym(TEST_PEPPER, number);
        // submitted with a lower-case x: the pseudonym is of the normalised number, as blacklist-service's
        String lower = number.substring(0, 17) + "x";
        String recordId = submit("pseud-" + number, lower, "");
        Document record = mongo.findById(recordId, Document.class, "person_records").block();
        String personRef = record.getString("personRef");
        Document person = mongo.findById(personRef, Document.class, "persons").block();
        assertThat(person.getString("subjectPseudonym")).isEqualTo(expected);
        assertThat(record.getString("subjectPseudonym")).isEqualTo(expected);

        // revised, objected to: each event carries the same pseudonym and never the number
        http.post().uri("/api/v1/person-records/" + recordId + "/revisions").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.department("TRANSPORT", null))
                .bodyValue(body("pseud-" + number, number, ",\"reason\":\"更正\"").replace("闯红灯", "闯红灯（更正）"))
                .exchange().expectStatus().isOk();
        http.post().uri("/api/v1/person-records/" + recordId + "/objections").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.desk(Purposes.OBJECTION_HANDLING)).bodyValue("{\"grounds\":\"非本人\"}")
                .exchange().expectStatus().isCreated();
        List<ConsumerRecord<String, String>> events = events(personRef, 3);
        assertThat(events).extracting(e -> TopicReader.header(e, "ce_type")).containsExactly(EventTypes.PERSON_RECORD_PUBLISHED_V1,
                EventTypes.PERSON_RECORD_REVISED_V1, EventTypes.PERSON_OBJECTION_OPENED_V1);
        JsonMapper json = JsonMapper.builder().build();
        for (ConsumerRecord<String, String> e : events) {
            JsonNode data = json.readTree(e.value());
            JsonNode payload = data.has("data") ? data.get("data") : data;
            assertThat(payload.get("subjectPseudonym").asString()).isEqualTo(expected);
            assertThat(e.value()).doesNotContain(number).doesNotContain(number.substring(0, 17));
        }
    }

    @Test
    void personsAndRecordsStoredBeforeThePseudonymExistedAreBackfilled() throws Exception {
        String number = TestCallers.newIdentityNumber();
        String recordId = submit("pseud-old-" + number, number, "");
        String personRef = mongo.findById(recordId, Document.class, "person_records").block().getString("personRef");
        // as stored by the previous version: neither document has the field
        mongo.updateFirst(Query.query(Criteria.where("_id").is(personRef)), new Update().unset("subjectPseudonym"), "persons").block();
        mongo.updateFirst(Query.query(Criteria.where("_id").is(recordId)), new Update().unset("subjectPseudonym"), "person_records")
                .block();

        assertThat(PseudonymBackfill.persons(mongo, protection, pseudonyms, Duration.ofSeconds(30))).isGreaterThanOrEqualTo(1);
        assertThat(RecordPseudonymBackfill.records(mongo, Duration.ofSeconds(30))).isGreaterThanOrEqualTo(1);
        String expected = blacklistPseudonym(TEST_PEPPER, number);
        assertThat(mongo.findById(personRef, Document.class, "persons").block().getString("subjectPseudonym")).isEqualTo(expected);
        assertThat(mongo.findById(recordId, Document.class, "person_records").block().getString("subjectPseudonym")).isEqualTo(expected);
        // nothing left to do on a second run
        assertThat(PseudonymBackfill.persons(mongo, protection, pseudonyms, Duration.ofSeconds(30))).isZero();
        assertThat(RecordPseudonymBackfill.records(mongo, Duration.ofSeconds(30))).isZero();

        // the next event of the backfilled record carries it
        http.post().uri("/api/v1/person-records/" + recordId + "/withdrawal").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.department("TRANSPORT", null)).bodyValue("{\"reason\":\"撤销\"}")
                .exchange().expectStatus().isOk();
        List<ConsumerRecord<String, String>> events = events(personRef, 2);
        assertThat(TopicReader.header(events.get(1), "ce_type")).isEqualTo(EventTypes.PERSON_RECORD_WITHDRAWN_V1);
        assertThat(events.get(1).value()).contains("\"subjectPseudonym\":\"" + expected + "\"");
    }

    String submit(String departmentRecordId, String number, String extra) {
        return http.post().uri("/api/v1/person-records").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.department("TRANSPORT", null))
                .bodyValue(body(departmentRecordId, number, extra)).exchange()
                .expectStatus().isCreated().expectBody(Document.class).returnResult().getResponseBody().getString("recordId");
    }

    static String body(String departmentRecordId, String number, String extra) {
        return """
                {"departmentRecordId":"%s","category":"ADMIN_PENALTY","severity":"GENERAL","identityNumber":"%s","name":"陈小明",
                 "decisionDate":"%s","title":"闯红灯","content":"罚款200元"%s}"""
                .formatted(departmentRecordId, number, LocalDate.now().minusDays(10), extra);
    }

    static List<ConsumerRecord<String, String>> events(String personRef, int atLeast) {
        return TopicReader.readUntil(CreditInfrastructure.get().bootstrapServers(), Topics.PERSON_RECORD,
                        r -> r.stream().filter(x -> personRef.equals(x.key())).count() >= atLeast, Duration.ofSeconds(20))
                .stream().filter(x -> personRef.equals(x.key())).toList();
    }
}
