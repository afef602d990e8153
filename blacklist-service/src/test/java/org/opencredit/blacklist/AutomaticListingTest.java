package org.opencredit.blacklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.opencredit.blacklist.BlacklistHttp.COURT;
import static org.opencredit.blacklist.BlacklistHttp.OFFICE;
import static org.opencredit.blacklist.BlacklistHttp.PARTNER;
import static org.opencredit.blacklist.BlacklistHttp.TAX;
import static org.opencredit.blacklist.BlacklistHttp.subjectField;
import static org.opencredit.testkit.TestCodes.uscc;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.blacklist.entry.EntryService;
import org.opencredit.contracts.events.CloudEventHeaders;
import org.opencredit.contracts.events.EventEnvelope;
import org.opencredit.contracts.events.EventTypes;
import org.opencredit.contracts.events.Topics;
import org.opencredit.testkit.CreditInfrastructure;
import org.opencredit.testkit.EventPublisher;
import org.opencredit.testkit.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Proposals from record events, the expiry sweep on the injected clock, and the public feed. */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MutableClock.Config.class)
@AutoConfigureWebTestClient(timeout = "30s")
class AutomaticListingTest {

    @Autowired
    WebTestClient web;
    @Autowired
    MutableClock clock;
    @Autowired
    ReactiveMongoTemplate mongo;
    @Autowired
    EntryService entries;
    BlacklistHttp http;

    @BeforeEach
    void setUp() {
        http = new BlacklistHttp(web, clock);
    }

    static EventEnvelope record(String code, String recordId, String category, String department) {
        String data = "{\"recordId\":\"" + recordId + "\",\"uscc\":\"" + code + "\",\"category\":\"" + category
                + "\",\"severity\":\"SERIOUS\",\"polarity\":\"NEGATIVE\",\"department\":\"" + department
                + "\",\"decisionDate\":\"2026-11-20\",\"publicityEnds\":\"2029-11-20\",\"status\":\"PUBLISHED\",\"revision\":1,"
                + "\"reason\":null,\"changedAt\":\"2026-11-27T08:00:00Z\"}";
        return new EventEnvelope(UUID.randomUUID().toString(), EventTypes.RECORD_PUBLISHED_V1, "/enterprise-credit-service", code,
                Instant.now(), data);
    }

    @Test
    void recordsMatchingARuleProposeEntriesOnceForTheIssuingAuthorityToConfirm() {
        String defaulter = uscc("91350100MA2Y0A001");
        String taxpayer = uscc("91350100MA2Y0A002");
        String penalised = uscc("91350100MA2Y0A003");
        try (EventPublisher events = new EventPublisher(CreditInfrastructure.get().bootstrapServers())) {
            EventEnvelope judgment = record(defaulter, "court-rec-1", "JUDGMENT_DEFAULTER", "COURT");
            events.publish(Topics.RECORD, judgment);
            events.publish(Topics.RECORD, judgment);
            // the same record through another event (a replay after a producer crash) proposes nothing new
            events.publish(Topics.RECORD, record(defaulter, "court-rec-1", "JUDGMENT_DEFAULTER", "COURT"));
            events.publish(Topics.RECORD, record(taxpayer, "tax-rec-1", "TAX_MAJOR_VIOLATION", "TAX"));
            events.publish(Topics.RECORD, record(penalised, "msa-rec-1", "ADMIN_PENALTY", "MARKET_SUPERVISION"));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(mongo.findById(taxpayer, Document.class, "ledgers").block()).isNotNull();
            assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(
                    org.springframework.data.mongodb.core.query.Criteria.where("consumer").is("blacklist-service.listing-rules")
                            .and("subject").is(defaulter)), "processed_events").block()).isEqualTo(2);
        });
        http.get(COURT, "/api/v1/list-entries/" + defaulter + "-1").expectStatus().isOk().expectBody()
                .jsonPath("$.listType").isEqualTo("JUDGMENT_DEFAULTER")
                .jsonPath("$.state").isEqualTo("PROPOSED")
                .jsonPath("$.authority").isEqualTo("COURT")
                .jsonPath("$.sourceRecordId").isEqualTo("court-rec-1")
                .jsonPath("$.history[0].actor").isEqualTo("blacklist-service:listing-rules");
        assertThat(mongo.findById(defaulter, Document.class, "ledgers").block().getList("entries", Document.class)).hasSize(1);
        http.get(TAX, "/api/v1/list-entries/" + taxpayer + "-1").expectStatus().isOk().expectBody()
                .jsonPath("$.listType").isEqualTo("MAJOR_TAX_VIOLATION").jsonPath("$.authority").isEqualTo("TAX");
        assertThat(mongo.findById(penalised, Document.class, "ledgers").block()).isNull();
        // the issuing authority confirms through due process
        http.step(COURT, defaulter + "-1", "NOTIFY", "告知书已送达", null).expectStatus().isOk();
    }

    @Test
    void aRepairedOrWithdrawnSourceRecordEndsWhatItStarted() {
        String listedCode = uscc("91350100MA2Y0A008");
        String proposedCode = uscc("91350100MA2Y0A009");
        try (EventPublisher events = new EventPublisher(CreditInfrastructure.get().bootstrapServers())) {
            events.publish(Topics.RECORD, record(listedCode, "tax-rec-8", "TAX_MAJOR_VIOLATION", "TAX"));
            events.publish(Topics.RECORD, record(proposedCode, "court-rec-9", "JUDGMENT_DEFAULTER", "COURT"));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> mongo.findById(listedCode, Document.class, "ledgers").block() != null
                && mongo.findById(proposedCode, Document.class, "ledgers").block() != null);
        String listedId = listedCode + "-1";
        http.step(TAX, listedId, "NOTIFY", "税务事项告知书已送达", null).expectStatus().isOk();
        clock.advance(Duration.ofDays(11));
        http.step(TAX, listedId, "LIST", "期满无异议", null).expectStatus().isOk();
        try (EventPublisher events = new EventPublisher(CreditInfrastructure.get().bootstrapServers())) {
            events.publish(Topics.RECORD, new EventEnvelope(UUID.randomUUID().toString(), EventTypes.RECORD_REPAIRED_V1,
                    "/enterprise-credit-service", listedCode, Instant.now(), record(listedCode, "tax-rec-8", "TAX_MAJOR_VIOLATION", "TAX")
                    .data().replace("\"PUBLISHED\"", "\"REPAIRED\"").replace("\"reason\":null", "\"reason\":\"税款已缴清\"")));
            events.publish(Topics.RECORD, new EventEnvelope(UUID.randomUUID().toString(), EventTypes.RECORD_WITHDRAWN_V1,
                    "/enterprise-credit-service", proposedCode, Instant.now(), record(proposedCode, "court-rec-9", "JUDGMENT_DEFAULTER", "COURT")
                    .data().replace("\"PUBLISHED\"", "\"WITHDRAWN\"")));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            http.get(TAX, "/api/v1/list-entries/" + listedId).expectStatus().isOk().expectBody()
                    .jsonPath("$.state").isEqualTo("REMOVED").jsonPath("$.removalGround").isEqualTo("CREDIT_REPAIR")
                    .jsonPath("$.history[3].reason").isEqualTo("source record tax-rec-8 repaired: 税款已缴清");
            http.get(COURT, "/api/v1/list-entries/" + proposedCode + "-1").expectStatus().isOk().expectBody()
                    .jsonPath("$.state").isEqualTo("WITHDRAWN");
        });
    }

    @Test
    void theSweepExpiresEntriesWhosePeriodEndedOnTheInjectedClockAndAnExtensionDefersIt() {
        String plain = uscc("91350100MA2Y0A004");
        String extended = uscc("91350100MA2Y0A005");
        String plainId = http.listed(COURT, "JUDGMENT_DEFAULTER", subjectField(plain), "（2026）闽0102执21号", null);
        String extendedId = http.listed(COURT, "JUDGMENT_DEFAULTER", subjectField(extended), "（2026）闽0102执22号", null);
        http.step(COURT, extendedId, "EXTEND", "以暴力方法抗拒执行", "\"years\":1").expectStatus().isOk().expectBody()
                .jsonPath("$.extendedYears").isEqualTo(1);

        clock.advance(Duration.ofDays(2 * 366));
        LocalDate today = entries.today();
        assertThat(entries.expireDue(today).block()).isGreaterThanOrEqualTo(1);
        http.get(PARTNER, "/api/v1/list-entries/" + plainId).expectStatus().isOk().expectBody()
                .jsonPath("$.state").isEqualTo("EXPIRED")
                .jsonPath("$.history[3].actor").isEqualTo("blacklist-service:expiry-sweep");
        http.get(PARTNER, "/api/v1/list-entries/" + extendedId).expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("LISTED");
        // a second sweep on the same day changes nothing
        assertThat(entries.expireDue(today).block()).isZero();
        var events = TopicReader.readUntil(CreditInfrastructure.get().bootstrapServers(), Topics.LIST_ENTRY,
                r -> r.stream().anyMatch(x -> plain.equals(x.key())
                        && EventTypes.LIST_ENTRY_EXPIRED_V1.equals(TopicReader.header(x, CloudEventHeaders.TYPE))), Duration.ofSeconds(20));
        assertThat(events).filteredOn(x -> plain.equals(x.key()))
                .extracting(x -> TopicReader.header(x, CloudEventHeaders.TYPE)).last().isEqualTo(EventTypes.LIST_ENTRY_EXPIRED_V1);

        clock.advance(Duration.ofDays(366));
        entries.expireDue(entries.today()).block();
        http.get(PARTNER, "/api/v1/list-entries/" + extendedId).expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("EXPIRED");
    }

    @Test
    void theFeedPublishesListedEntriesFilteredAndPagedWithoutIdentityNumbers() {
        String person = "11010519800101001" + org.opencredit.contracts.identifier.ResidentIdentityNumber.checkCharacter("11010519800101001");
        String org1 = uscc("91350100MA2Y0A006");
        String listedPerson = http.listed(OFFICE, "SERIOUS_DISHONESTY", "\"identityNumber\":\"" + person + "\"", "闽市监严〔2026〕1号", null);
        String listedOrg = http.listed(BlacklistHttp.MARKET, "ABNORMAL_OPERATION", subjectField(org1), "闽市监异〔2026〕7号", null);
        http.proposed(BlacklistHttp.MARKET, "ABNORMAL_OPERATION", subjectField(uscc("91350100MA2Y0A007")), "闽市监异〔2026〕8号", null);

        List<Map<String, Object>> abnormal = feed("/api/v1/lists/entries?listType=ABNORMAL_OPERATION&size=100");
        assertThat(abnormal).extracting(e -> e.get("entryId")).contains(listedOrg).doesNotContain(uscc("91350100MA2Y0A007") + "-1");
        assertThat(abnormal).allSatisfy(e -> assertThat(e.get("status")).isEqualTo("LISTED"));
        List<Map<String, Object>> persons = feed("/api/v1/lists/entries?subjectKind=NATURAL_PERSON&size=100");
        Map<String, Object> p = persons.stream().filter(e -> e.get("entryId").equals(listedPerson)).findFirst().orElseThrow();
        assertThat(p.get("maskedIdentityNumber")).isEqualTo("110105********" + person.substring(14));
        assertThat(p.get("uscc")).isNull();
        assertThat(p.get("listName")).isEqualTo("严重失信主体名单");
        assertThat(p.toString()).doesNotContain(person.substring(0, 17));
        List<Map<String, Object>> page0 = feed("/api/v1/lists/entries?size=1&page=0");
        List<Map<String, Object>> page1 = feed("/api/v1/lists/entries?size=1&page=1");
        assertThat(page0).hasSize(1);
        assertThat(page1).hasSize(1);
        assertThat(page0.get(0).get("entryId")).isNotEqualTo(page1.get(0).get("entryId"));
        http.get(PARTNER, "/api/v1/lists/entries?status=PROPOSED").expectStatus().isBadRequest();
        http.get(PARTNER, "/api/v1/lists/entries?size=1000").expectStatus().isBadRequest();
        http.get(PARTNER, "/api/v1/lists/subjects/" + org1).expectStatus().isOk().expectBody()
                .jsonPath("$.restricted").isEqualTo(true).jsonPath("$.entries[0].entryId").isEqualTo(listedOrg);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> feed(String uri) {
        Map<String, Object> body = http.get(PARTNER, uri).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return (List<Map<String, Object>>) body.get("entries");
    }
}
