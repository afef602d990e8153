package org.opencredit.blacklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.opencredit.blacklist.BlacklistHttp.CHECKER;
import static org.opencredit.blacklist.BlacklistHttp.COURT;
import static org.opencredit.blacklist.BlacklistHttp.PARTNER;
import static org.opencredit.blacklist.BlacklistHttp.TAX;
import static org.opencredit.blacklist.BlacklistHttp.subjectField;
import static org.opencredit.testkit.TestCodes.uscc;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.contracts.events.EventEnvelope;
import org.opencredit.contracts.events.RatingChanged;
import org.opencredit.contracts.events.Topics;
import org.opencredit.testkit.CreditInfrastructure;
import org.opencredit.testkit.EventPublisher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.web.reactive.server.WebTestClient;

@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MutableClock.Config.class)
@AutoConfigureWebTestClient(timeout = "30s")
class CreditCheckTest {

    /** A valid identity number (check character computed: GB 11643). */
    static final String PERSON = "11010519491231002X";

    @Autowired
    WebTestClient web;
    @Autowired
    MutableClock clock;
    @Autowired
    ReactiveMongoTemplate mongo;
    @Autowired
    MeterRegistry registry;
    BlacklistHttp http;

    @BeforeEach
    void setUp() {
        http = new BlacklistHttp(web, clock);
    }

    static String checkBody(String subjectFields, String scenario) {
        return "{" + subjectFields + ",\"scenario\":\"" + scenario + "\",\"purpose\":\"GOVERNMENT_PROCUREMENT\"}";
    }

    @Test
    void aListedDefaulterIsProhibitedFromProcurementWithTheMeasureItsBasisAndTheEntryAndItsRatingFromTheReadModel() {
        String code = uscc("91350100MA2Y0C001");
        String entryId = http.listed(COURT, "JUDGMENT_DEFAULTER", subjectField(code), "（2026）闽0102执11号", null);
        try (EventPublisher events = new EventPublisher(CreditInfrastructure.get().bootstrapServers())) {
            EventEnvelope d = rating(code, "D", 310, "2026-11-27T08:00:00Z");
            events.publish(Topics.RATING, rating(code, "C", 520, "2026-11-20T08:00:00Z"));
            events.publish(Topics.RATING, d);
            events.publish(Topics.RATING, d);
            // an older rating arriving late never replaces the newer one
            events.publish(Topics.RATING, rating(code, "B", 700, "2026-11-01T08:00:00Z"));
        }
        double before = registry.counter("opencredit.credit.checks", "scenario", "GOVERNMENT_PROCUREMENT", "verdict", "PROHIBITED").count();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(mongo.count(Query.query(
                Criteria.where("consumer").is("blacklist-service.ratings").and("subject").is(code)), "processed_events").block()).isEqualTo(3));
        String checkId = (String) http.check(CHECKER, checkBody(subjectField(code), "GOVERNMENT_PROCUREMENT")).expectStatus().isOk()
                .expectBody(java.util.Map.class).returnResult().getResponseBody().get("checkId");
        http.check(CHECKER, checkBody(subjectField(code), "GOVERNMENT_PROCUREMENT")).expectStatus().isOk().expectBody()
                .jsonPath("$.verdict").isEqualTo("PROHIBITED")
                .jsonPath("$.summary").value(s -> assertThat((String) s).contains("失信被执行人名单").contains("PROCUREMENT_BAN"))
                .jsonPath("$.measures.length()").isEqualTo(1)
                .jsonPath("$.measures[0].code").isEqualTo("PROCUREMENT_BAN")
                .jsonPath("$.measures[0].level").isEqualTo("ADMINISTRATIVE")
                .jsonPath("$.measures[0].legalBasis").value(s -> assertThat((String) s).contains("政府采购法"))
                .jsonPath("$.measures[0].entry.entryId").isEqualTo(entryId)
                .jsonPath("$.measures[0].entry.listType").isEqualTo("JUDGMENT_DEFAULTER")
                .jsonPath("$.measures[0].via").isEqualTo("SUBJECT")
                .jsonPath("$.rating.grade").isEqualTo("D")
                .jsonPath("$.rating.score").isEqualTo(310)
                .jsonPath("$.catalogue").isEqualTo("2024.1-p1");
        // a scenario no measure of the list covers
        http.check(CHECKER, checkBody(subjectField(code), "HIRING")).expectStatus().isOk().expectBody()
                .jsonPath("$.verdict").isEqualTo("NO_RESTRICTION").jsonPath("$.measures.length()").isEqualTo(0);
        // supervision: a restriction, not a prohibition
        http.check(CHECKER, checkBody(subjectField(code), "SUPERVISION")).expectStatus().isOk().expectBody()
                .jsonPath("$.verdict").isEqualTo("RESTRICTED").jsonPath("$.measures[0].code").isEqualTo("STRICTER_SUPERVISION");

        Document logged = mongo.findById(checkId, Document.class, "credit_checks").block();
        assertThat(logged).isNotNull();
        assertThat(logged.getString("client")).isEqualTo("dept-finance");
        assertThat(logged.getString("subject")).isEqualTo(code);
        assertThat(logged.getString("scenario")).isEqualTo("GOVERNMENT_PROCUREMENT");
        assertThat(logged.getString("purpose")).isEqualTo("GOVERNMENT_PROCUREMENT");
        assertThat(logged.getString("verdict")).isEqualTo("PROHIBITED");
        assertThat(registry.counter("opencredit.credit.checks", "scenario", "GOVERNMENT_PROCUREMENT", "verdict", "PROHIBITED").count())
                .isEqualTo(before + 2);

        // early removal lifts the measures at once
        http.step(COURT, entryId, "REMOVE", "已履行", "\"ground\":\"OBLIGATION_FULFILLED\"").expectStatus().isOk();
        http.check(CHECKER, checkBody(subjectField(code), "GOVERNMENT_PROCUREMENT")).expectStatus().isOk().expectBody()
                .jsonPath("$.verdict").isEqualTo("NO_RESTRICTION");
    }

    @Test
    void aSubjectNobodyListedHasNoRestrictionAndNoRatingYet() {
        http.check(PARTNER, checkBody(subjectField(uscc("91350100MA2Y0C002")), "BIDDING")).expectStatus().isOk().expectBody()
                .jsonPath("$.verdict").isEqualTo("NO_RESTRICTION")
                .jsonPath("$.summary").value(s -> assertThat((String) s).contains("No catalogued measure"))
                .jsonPath("$.rating.status").isEqualTo("NOT_YET_RATED");
    }

    @Test
    void aPersonIsCheckedByIdentityNumberWhichIsNeitherLoggedNorStoredAndTheLegalRepresentativeIsBound() {
        String company = uscc("91350100MA2Y0C003");
        http.listed(COURT, "JUDGMENT_DEFAULTER", subjectField(company), "（2026）闽0102执13号",
                "\"legalRepresentative\":{\"name\":\"张三\",\"identityNumber\":\"" + PERSON + "\"}");
        String checkId = (String) http.check(CHECKER, "{\"identityNumber\":\"" + PERSON.toLowerCase() + "\",\"scenario\":\"AIR_TRAVEL\","
                        + "\"purpose\":\"SUPERVISION\"}").expectStatus().isOk().expectBody(java.util.Map.class).returnResult()
                .getResponseBody().get("checkId");
        http.check(CHECKER, "{\"identityNumber\":\"" + PERSON + "\",\"scenario\":\"AIR_TRAVEL\",\"purpose\":\"SUPERVISION\"}")
                .expectStatus().isOk().expectBody()
                .jsonPath("$.verdict").isEqualTo("PROHIBITED")
                .jsonPath("$.subject.kind").isEqualTo("NATURAL_PERSON")
                .jsonPath("$.subject.maskedIdentityNumber").isEqualTo("110105********002X")
                .jsonPath("$.measures[0].code").isEqualTo("NO_FLIGHTS")
                .jsonPath("$.measures[0].via").isEqualTo("LEGAL_REPRESENTATIVE")
                .jsonPath("$.measures[0].entry.organisation").isEqualTo(company);
        // procurement is not a measure that binds the representative
        http.check(CHECKER, "{\"identityNumber\":\"" + PERSON + "\",\"scenario\":\"GOVERNMENT_PROCUREMENT\",\"purpose\":\"SUPERVISION\"}")
                .expectStatus().isOk().expectBody().jsonPath("$.verdict").isEqualTo("NO_RESTRICTION");

        Document logged = mongo.findById(checkId, Document.class, "credit_checks").block();
        assertThat(logged.getString("subject")).matches("person:[0-9a-f]{16}");

        // the person's rating (rating-service keys it by personRef) reaches the check through the pseudonym it carries
        String pseudonym = logged.getString("subject");
        String data = "{\"subject\":\"P0123456789abcdef01234567\",\"grade\":\"C\",\"score\":540,\"modelVersion\":\"person@2026.1\","
                + "\"ratedAt\":\"2026-11-27T08:00:00Z\",\"subjectKind\":\"NATURAL_PERSON\",\"subjectPseudonym\":\"" + pseudonym + "\"}";
        try (EventPublisher events = new EventPublisher(CreditInfrastructure.get().bootstrapServers())) {
            events.publish(Topics.RATING, new EventEnvelope(UUID.randomUUID().toString(), RatingChanged.TYPE, "/rating-service",
                    "P0123456789abcdef01234567", Instant.now(), data));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> http.check(CHECKER,
                        "{\"identityNumber\":\"" + PERSON + "\",\"scenario\":\"AIR_TRAVEL\",\"purpose\":\"SUPERVISION\"}")
                .expectStatus().isOk().expectBody()
                .jsonPath("$.rating.status").isEqualTo("RATED").jsonPath("$.rating.grade").isEqualTo("C").jsonPath("$.rating.score").isEqualTo(540));
        assertThat(logged.toJson()).doesNotContain(PERSON).doesNotContain(PERSON.substring(0, 17));
        Document ledger = mongo.findById(company, Document.class, "ledgers").block();
        assertThat(ledger.toJson()).doesNotContain(PERSON.substring(0, 17)).contains("110105********002X");
    }

    @Test
    void badChecksAreAnsweredWithProblemJson() {
        String code = uscc("91350100MA2Y0C004");
        http.check(CHECKER, checkBody(subjectField(code), "CASINO")).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.type").isEqualTo("https://opencredit.org/problems/unknown-scenario")
                .jsonPath("$.known").isArray();
        http.check(CHECKER, "{\"scenario\":\"BIDDING\",\"purpose\":\"x\"}").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.type").isEqualTo("https://opencredit.org/problems/subject-required");
        http.check(CHECKER, "{\"identityNumber\":\"110105194912310021\",\"scenario\":\"BIDDING\",\"purpose\":\"HIRING\"}")
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.type").isEqualTo("https://opencredit.org/problems/invalid-identifier")
                .jsonPath("$.detail").value(s -> assertThat((String) s).doesNotContain("110105194912310021"));
        http.check(CHECKER, "{\"identityNumber\":\"" + PERSON + "\",\"scenario\":\"BIDDING\",\"purpose\":\"curiosity\"}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/purpose-not-allowed");
        http.check(CHECKER, "{" + subjectField(code) + ",\"scenario\":\"BIDDING\"}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/purpose-required");
        http.check(TAX, checkBody(subjectField(code), "BIDDING")).expectStatus().isForbidden().expectBody()
                .jsonPath("$.requiredScope").isEqualTo("credit-checks");
    }

    static EventEnvelope rating(String code, String grade, int score, String ratedAt) {
        String data = "{\"subject\":\"" + code + "\",\"grade\":\"" + grade + "\",\"score\":" + score
                + ",\"modelVersion\":\"enterprise-2026.1\",\"ratedAt\":\"" + ratedAt + "\"}";
        return new EventEnvelope(UUID.randomUUID().toString(), RatingChanged.TYPE, "/rating-service", code, Instant.now(), data);
    }
}
