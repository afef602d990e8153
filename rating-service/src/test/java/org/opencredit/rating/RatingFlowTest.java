package org.opencredit.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.opencredit.testkit.TestCodes.uscc;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.chassis.outbox.OutboxRelay;
import org.opencredit.contracts.events.CloudEventHeaders;
import org.opencredit.contracts.events.EventEnvelope;
import org.opencredit.contracts.events.EventTypes;
import org.opencredit.contracts.events.RatingChanged;
import org.opencredit.contracts.events.SubjectRegistered;
import org.opencredit.contracts.events.Topics;
import org.opencredit.contracts.security.ClientKind;
import org.opencredit.contracts.security.Scopes;
import org.opencredit.rating.events.PersonLinks;
import org.opencredit.rating.rating.RatedSubject;
import org.opencredit.rating.rating.RatingService;
import org.opencredit.rating.review.ScheduledReview;
import org.opencredit.testkit.CreditInfrastructure;
import org.opencredit.testkit.EventPublisher;
import org.opencredit.testkit.TestTokens;
import org.opencredit.testkit.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Record, list and subject events re-rate subjects; rating changed events only when score or grade change. */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
@Import(MutableClock.Config.class)
class RatingFlowTest {

    static EventPublisher events;
    static final String READ = TestTokens.partner(Scopes.RATINGS_READ);

    @Autowired
    WebTestClient http;
    @Autowired
    RatingService ratings;
    @Autowired
    ScheduledReview review;
    @Autowired
    MutableClock clock;
    @Autowired
    org.springframework.data.mongodb.core.ReactiveMongoTemplate mongo;

    @BeforeAll
    static void publisher() {
        events = new EventPublisher(CreditInfrastructure.get().bootstrapServers());
    }

    @AfterAll
    static void close() {
        events.close();
    }

    static EventEnvelope registered(String code, String name) {
        String data = "{\"uscc\":\"" + code + "\",\"name\":\"" + name + "\",\"authority\":\"MARKET_REGULATION\","
                + "\"entityKind\":\"enterprise\",\"regionCode\":\"" + code.substring(2, 8) + "\",\"registeredAt\":\"2026-11-27T08:00:00Z\","
                + "\"industryCode\":\"C3911\"}";
        return new EventEnvelope(UUID.randomUUID().toString(), SubjectRegistered.TYPE, "/enterprise-credit-service", code, Instant.now(), data);
    }

    static EventEnvelope record(String type, String code, String recordId, String category, String severity, LocalDate decided,
                                LocalDate ends, String status, int revision) {
        String data = "{\"recordId\":\"" + recordId + "\",\"uscc\":\"" + code + "\",\"category\":\"" + category + "\",\"severity\":\""
                + severity + "\",\"polarity\":\"NEGATIVE\",\"department\":\"TAX\",\"decisionDate\":\"" + decided + "\",\"publicityEnds\":\""
                + ends + "\",\"status\":\"" + status + "\",\"revision\":" + revision + ",\"reason\":null,\"changedAt\":\"2026-11-27T08:00:00Z\"}";
        return new EventEnvelope(UUID.randomUUID().toString(), type, "/enterprise-credit-service", code, Instant.now(), data);
    }

    static EventEnvelope listEntry(String type, String code, String entryId, String listType, String status, int revision,
                                   LocalDate listed, LocalDate expires) {
        String data = "{\"entryId\":\"" + entryId + "\",\"subject\":\"" + code + "\",\"listType\":\"" + listType + "\",\"listName\":\"x\","
                + "\"status\":\"" + status + "\",\"listedOn\":\"" + listed + "\",\"expiresOn\":\"" + expires + "\",\"legalBasis\":\"x\","
                + "\"measures\":[],\"revision\":" + revision + ",\"changedAt\":\"2026-11-27T08:00:00Z\",\"subjectKind\":\"LEGAL_PERSON\"}";
        return new EventEnvelope(UUID.randomUUID().toString(), type, "/blacklist-service", code, Instant.now(), data);
    }

    List<RatingChanged> ratingEvents(String subject, int atLeast) {
        List<ConsumerRecord<String, String>> read = TopicReader.readUntil(CreditInfrastructure.get().bootstrapServers(), Topics.RATING,
                r -> r.stream().filter(x -> subject.equals(x.key()) && RatingChanged.TYPE.equals(TopicReader.header(x, CloudEventHeaders.TYPE)))
                        .count() >= atLeast, Duration.ofSeconds(20));
        return read.stream().filter(x -> subject.equals(x.key()) && RatingChanged.TYPE.equals(TopicReader.header(x, CloudEventHeaders.TYPE)))
                .map(x -> tools.jackson.databind.json.JsonMapper.builder().findAndAddModules().build().readValue(x.value(), RatingChanged.class))
                .toList();
    }

    Document stored(String subject) {
        return mongo.findById(subject, Document.class, RatedSubject.COLLECTION).block();
    }

    WebTestClient.BodyContentSpec rating(String subject) {
        return http.get().uri("/api/v1/ratings/" + subject).header(HttpHeaders.AUTHORIZATION, READ).exchange()
                .expectStatus().isOk().expectBody();
    }

    @Test
    void eventsRateASubjectExplainablyAndARatingEventGoesOutOnlyWhenScoreOrGradeChange() {
        String code = uscc("91330106MA2Y00R11");
        LocalDate today = ratings.today();
        events.publish(Topics.SUBJECT, registered(code, "杭州评级测试有限公司"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> rating(code)
                .jsonPath("$.grade").isEqualTo("B").jsonPath("$.score").isEqualTo(820)
                .jsonPath("$.model").isEqualTo("enterprise@2026.1").jsonPath("$.regionCode").isEqualTo("330106")
                .jsonPath("$.industryCode").isEqualTo("C3911"));

        EventEnvelope arrears = record(EventTypes.RECORD_PUBLISHED_V1, code, "rec-1", "TAX_ARREARS", "GENERAL", today.minusDays(3),
                today.plusMonths(12).minusDays(3), "PUBLISHED", 1);
        events.publish(Topics.RECORD, arrears);
        events.publish(Topics.RECORD, arrears); // redelivered: the same revision changes nothing
        EventEnvelope penalty = record(EventTypes.RECORD_PUBLISHED_V1, code, "rec-2", "ADMIN_PENALTY", "GENERAL", today.minusDays(2),
                today.plusMonths(12).minusDays(2), "PUBLISHED", 1);
        events.publish(Topics.RECORD, penalty);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> rating(code)
                .jsonPath("$.score").isEqualTo(683).jsonPath("$.grade").isEqualTo("C")
                .jsonPath("$.factors[?(@.sourceId == 'rec-1')].appliedPoints").isEqualTo(-250)
                .jsonPath("$.factors[?(@.sourceId == 'rec-2')].dimension").isEqualTo("LAW_ABIDANCE"));
        events.publish(Topics.RECORD, arrears); // redelivered again, in a later poll: no bookkeeping needed, it changes nothing

        // an older revision arriving late does not bring back what a newer one said
        events.publish(Topics.RECORD, record(EventTypes.RECORD_WITHDRAWN_V1, code, "rec-1", "TAX_ARREARS", "GENERAL", today.minusDays(3),
                today.plusMonths(12).minusDays(3), "WITHDRAWN", 3));
        events.publish(Topics.RECORD, record(EventTypes.RECORD_REVISED_V1, code, "rec-1", "TAX_ARREARS", "GENERAL", today.minusDays(3),
                today.plusMonths(12).minusDays(3), "PUBLISHED", 2));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> rating(code).jsonPath("$.score").isEqualTo(745));

        // a revision that changes neither score nor grade: a new fact, no event
        events.publish(Topics.RECORD, record(EventTypes.RECORD_REVISED_V1, code, "rec-2", "ADMIN_PENALTY", "GENERAL", today.minusDays(1),
                today.plusMonths(12).minusDays(1), "PUBLISHED", 2));
        await().atMost(Duration.ofSeconds(20)).until(() -> ratings.find(code).block().records().stream()
                .anyMatch(r -> r.recordId().equals("rec-2") && r.revision() == 2));

        List<RatingChanged> published = ratingEvents(code, 4);
        assertThat(TopicReader.readAll(CreditInfrastructure.get().bootstrapServers(), Topics.RATING, Duration.ofSeconds(2)).stream()
                .filter(r -> code.equals(r.key())).count()).as("first rating, after each record, after the withdrawal; none for the redelivery or the neutral revision").isEqualTo(4);
        assertThat(published).extracting(RatingChanged::score).containsExactly(820, 758, 683, 745);
        assertThat(published.get(2).previousGrade()).isEqualTo("B");
        assertThat(published.get(2).grade()).isEqualTo("C");
        assertThat(published.get(3).reason()).contains("rec-1").contains("withdrawn");

        http.get().uri("/api/v1/ratings/" + code + "/history").header(HttpHeaders.AUTHORIZATION, READ).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(4)
                .jsonPath("$[0].score").isEqualTo(745).jsonPath("$[0].previousScore").isEqualTo(683)
                .jsonPath("$[3].reason").value(r -> assertThat((String) r).contains("subject registered"));
    }

    @Test
    void aSeriousDishonestyListingForcesDUntilItIsRemoved() {
        String code = uscc("91330106MA2Y00R12");
        LocalDate today = ratings.today();
        events.publish(Topics.LIST_ENTRY, listEntry(EventTypes.LIST_ENTRY_LISTED_V1, code, code + "-1", "SERIOUS_DISHONESTY", "LISTED", 4,
                today.minusDays(1), today.plusYears(3)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> rating(code)
                .jsonPath("$.grade").isEqualTo("D").jsonPath("$.override").value(o -> assertThat((String) o).contains(code + "-1"))
                .jsonPath("$.regionCode").isEqualTo("330106"));
        events.publish(Topics.LIST_ENTRY, listEntry(EventTypes.LIST_ENTRY_REMOVED_V1, code, code + "-1", "SERIOUS_DISHONESTY", "REMOVED", 5,
                today.minusDays(1), today.plusYears(3)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> rating(code).jsonPath("$.grade").isEqualTo("B"));
        assertThat(ratingEvents(code, 2)).extracting(RatingChanged::grade).containsExactly("D", "B");
    }

    @Test
    void timeAloneReRatesWhenAPublicityPeriodEndsOnTheInjectedClock() {
        String code = uscc("91330106MA2Y00R13");
        LocalDate today = ratings.today();
        events.publish(Topics.RECORD, record(EventTypes.RECORD_PUBLISHED_V1, code, "rec-t", "COURT_ENFORCEMENT", "GENERAL", today.minusDays(300),
                today.plusDays(65), "PUBLISHED", 1));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> rating(code)
                .jsonPath("$.factors[0].decayFactor").isEqualTo(0.5)
                .jsonPath("$.nextChangeOn").isEqualTo(today.plusDays(65).toString()));
        int before = ratings.find(code).block().current().score();
        review.reviewDue().block();
        assertThat(ratings.find(code).block().current().score()).as("nothing is due yet for this subject").isEqualTo(before);
        clock.advance(Duration.ofDays(66));
        assertThat(review.reviewDue().block()).isGreaterThanOrEqualTo(1L);
        assertThat(ratings.find(code).block().current().score()).isEqualTo(820);
        assertThat(ratings.find(code).block().current().reason()).contains("scheduled review");
    }

    @Test
    void aPersonsRatingNeedsAPurposeCarriesItsNoticeAndCanBeReviewedByAHuman() {
        String personRef = "p-" + UUID.randomUUID();
        LocalDate today = ratings.today();
        String data = "{\"recordId\":\"pr-1\",\"personRef\":\"" + personRef + "\",\"category\":\"COURT_ENFORCEMENT\",\"severity\":\"GENERAL\","
                + "\"polarity\":\"NEGATIVE\",\"department\":\"COURT\",\"decisionDate\":\"" + today.minusDays(5) + "\",\"status\":\"PUBLISHED\","
                + "\"revision\":1,\"disputed\":false,\"changedAt\":\"2026-11-27T08:00:00Z\"}";
        events.publish(Topics.PERSON_RECORD, new EventEnvelope(UUID.randomUUID().toString(), EventTypes.PERSON_RECORD_PUBLISHED_V1,
                "/personal-credit-service", personRef, Instant.now(), data));
        await().atMost(Duration.ofSeconds(20)).until(() -> ratings.find(personRef).blockOptional().isPresent());

        http.get().uri("/api/v1/ratings/" + personRef).header(HttpHeaders.AUTHORIZATION, READ).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("X-Purpose"));
        String withPurpose = TestTokens.client("desk", ClientKind.OFFICE, null, "SELF_INQUIRY", Scopes.RATINGS_READ);
        http.get().uri("/api/v1/ratings/" + personRef).header(HttpHeaders.AUTHORIZATION, withPurpose).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.subjectKind").isEqualTo("NATURAL_PERSON").jsonPath("$.model").isEqualTo("person@2026.1")
                .jsonPath("$.notice").value(n -> assertThat((String) n).contains("never the only basis"))
                .jsonPath("$.factors[0].sourceId").isEqualTo("pr-1");

        http.post().uri("/api/v1/ratings/" + personRef + "/review-requests").header(HttpHeaders.AUTHORIZATION, withPurpose)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"grounds\":\"the enforcement was settled last month\"}")
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UNDER_REVIEW");
        http.post().uri("/api/v1/ratings/" + personRef + "/review-requests").header(HttpHeaders.AUTHORIZATION, withPurpose)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"grounds\":\"again\"}")
                .exchange().expectStatus().isEqualTo(409);
        List<ConsumerRecord<String, String>> review = TopicReader.readUntil(CreditInfrastructure.get().bootstrapServers(), Topics.RATING,
                r -> r.stream().anyMatch(x -> personRef.equals(x.key())
                        && EventTypes.RATING_REVIEW_REQUESTED_V1.equals(TopicReader.header(x, CloudEventHeaders.TYPE))), Duration.ofSeconds(20));
        assertThat(review).anySatisfy(x -> {
            assertThat(x.key()).isEqualTo(personRef);
            assertThat(x.value()).contains("\"state\":\"REQUESTED\"").contains("settled last month");
        });
        http.post().uri("/api/v1/ratings/" + personRef + "/review-requests/current/conclusion").header(HttpHeaders.AUTHORIZATION, withPurpose)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"outcome\":\"CONFIRMED\",\"conclusion\":\"facts verified\"}")
                .exchange().expectStatus().isForbidden();
        String office = TestTokens.client("office", ClientKind.OFFICE, null, "SUPERVISION", Scopes.RATINGS_READ, Scopes.RATINGS_ADMIN);
        http.post().uri("/api/v1/ratings/" + personRef + "/review-requests/current/conclusion").header(HttpHeaders.AUTHORIZATION, office)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"outcome\":\"MAYBE\",\"conclusion\":\"x\"}")
                .exchange().expectStatus().isBadRequest();
        http.post().uri("/api/v1/ratings/" + personRef + "/review-requests/current/conclusion").header(HttpHeaders.AUTHORIZATION, office)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"outcome\":\"CONFIRMED\",\"conclusion\":\"facts verified\"}")
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("RATED")
                .jsonPath("$.review.state").isEqualTo("CONFIRMED");

        // five-year retention deleted the record: the rating and its history keep nothing of it
        String deleted = data.replace("\"PUBLISHED\"", "\"DELETED\"").replace("\"revision\":1", "\"revision\":2");
        events.publish(Topics.PERSON_RECORD, new EventEnvelope(UUID.randomUUID().toString(), EventTypes.PERSON_RECORD_DELETED_V1,
                "/personal-credit-service", personRef, Instant.now(), deleted));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            RatedSubject s = ratings.find(personRef).block();
            assertThat(s.current().factors()).isEmpty();
            assertThat(s.history()).allSatisfy(h -> {
                assertThat(h.factors()).noneMatch(f -> "pr-1".equals(f.sourceId()));
                assertThat(h.reason()).doesNotContain("pr-1");
            });
            assertThat(s.records()).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo("DELETED");
                assertThat(r.category()).isNull();
            });
        });
    }

    static EventEnvelope personRecord(String personRef, String pseudonym, String recordId, String category, LocalDate decided) {
        String data = "{\"recordId\":\"" + recordId + "\",\"personRef\":\"" + personRef + "\",\"category\":\"" + category
                + "\",\"severity\":\"GENERAL\",\"polarity\":\"NEGATIVE\",\"department\":\"COURT\",\"decisionDate\":\"" + decided
                + "\",\"status\":\"PUBLISHED\",\"revision\":1,\"disputed\":false,\"changedAt\":\"2026-11-27T08:00:00Z\","
                + "\"subjectPseudonym\":\"" + pseudonym + "\"}";
        return new EventEnvelope(UUID.randomUUID().toString(), EventTypes.PERSON_RECORD_PUBLISHED_V1, "/personal-credit-service", personRef,
                Instant.now(), data);
    }

    static EventEnvelope personListEntry(String type, String pseudonym, String entryId, String status, int revision, LocalDate listed) {
        String data = "{\"entryId\":\"" + entryId + "\",\"subject\":\"" + pseudonym + "\",\"listType\":\"JUDGMENT_DEFAULTER\","
                + "\"listName\":\"x\",\"status\":\"" + status + "\",\"listedOn\":\"" + listed + "\",\"expiresOn\":\""
                + listed.plusYears(2) + "\",\"legalBasis\":\"x\",\"measures\":[],\"revision\":" + revision
                + ",\"changedAt\":\"2026-11-27T08:00:00Z\",\"subjectKind\":\"NATURAL_PERSON\"}";
        return new EventEnvelope(UUID.randomUUID().toString(), type, "/blacklist-service", pseudonym, Instant.now(), data);
    }

    @Test
    void aPersonsListEntryKeyedByThePseudonymJoinsTheRecordsOfTheSamePerson() {
        String personRef = "P" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        String pseudonym = "person:" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String entry = "le-" + UUID.randomUUID();
        LocalDate today = ratings.today();
        String desk = TestTokens.client("desk", ClientKind.OFFICE, null, "SELF_INQUIRY", Scopes.RATINGS_READ);

        // the listing arrives before personal-credit-service has said whose pseudonym it is: kept, nothing to rate yet
        events.publish(Topics.LIST_ENTRY, personListEntry(EventTypes.LIST_ENTRY_LISTED_V1, pseudonym, entry, "LISTED", 2, today.minusDays(10)));
        await().atMost(Duration.ofSeconds(20)).until(() -> mongo.findById(pseudonym, PersonLinks.PersonLink.class, PersonLinks.COLLECTION)
                .blockOptional().map(l -> l.lists().size() == 1).orElse(false));
        assertThat(ratings.find(personRef).blockOptional()).isEmpty();

        // the person's first record names the pseudonym: the rating has the record and the listing (capped at C)
        events.publish(Topics.PERSON_RECORD, personRecord(personRef, pseudonym, "pr-l1", "COURT_ENFORCEMENT", today.minusDays(3)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> http.get().uri("/api/v1/ratings/" + personRef)
                .header(HttpHeaders.AUTHORIZATION, desk).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.factors[?(@.sourceId == 'pr-l1')].code").isEqualTo("COURT_ENFORCEMENT")
                .jsonPath("$.factors[?(@.sourceId == '" + entry + "')].code").isEqualTo("JUDGMENT_DEFAULTER")
                .jsonPath("$.override").value(o -> assertThat((String) o).contains("失信被执行人"))
                .jsonPath("$.grade").value(g -> assertThat((String) g).isIn("C", "D")));
        assertThat(ratingEvents(personRef, 1).get(0).subjectPseudonym())
                .as("the person's rating event names the pseudonym, so blacklist-service's credit check can find it").isEqualTo(pseudonym);

        // once linked, a list change reaches the person directly; an older revision arriving late changes nothing
        events.publish(Topics.LIST_ENTRY, personListEntry(EventTypes.LIST_ENTRY_REMOVED_V1, pseudonym, entry, "REMOVED", 3, today.minusDays(10)));
        events.publish(Topics.LIST_ENTRY, personListEntry(EventTypes.LIST_ENTRY_LISTED_V1, pseudonym, entry, "LISTED", 1, today.minusDays(10)));
        events.publish(Topics.PERSON_RECORD, personRecord(personRef, pseudonym, "pr-l2", "COURT_ENFORCEMENT", today.minusDays(1)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            RatedSubject s = ratings.find(personRef).block();
            assertThat(s.records()).extracting(r -> r.recordId()).contains("pr-l1", "pr-l2");
            assertThat(s.lists()).singleElement().satisfies(l -> {
                assertThat(l.status()).isEqualTo("REMOVED");
                assertThat(l.revision()).isEqualTo(3);
            });
            assertThat(s.current().override()).as("no listing in force, no cap").isNull();
            assertThat(s.current().factors()).noneMatch(f -> entry.equals(f.sourceId()));
        });
    }

    @Test
    void aPoisonEventIsDeadLetteredAndTheNextOneStillRates() {
        String code = uscc("91330106MA2Y00R14");
        events.publishRaw(Topics.RECORD, code, "{not json");
        events.publish(Topics.SUBJECT, registered(code, "毒消息之后有限公司"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> rating(code).jsonPath("$.grade").isEqualTo("B"));
        assertThat(TopicReader.readUntil(CreditInfrastructure.get().bootstrapServers(), Topics.deadLetter(Topics.RECORD),
                r -> r.stream().anyMatch(x -> code.equals(x.key())), Duration.ofSeconds(20)))
                .anySatisfy(x -> assertThat(x.key()).isEqualTo(code));
    }

    /**
     * The batched record path: subjects first seen in a record event are inserted with their first rating event in the
     * batch's outbox ledger (published, then the ledger deleted: no second write per subject to mark it sent); a stored
     * subject's later change appends its history entry and leaves through its own outbox.
     */
    @Test
    void subjectsFirstSeenInARecordBatchAreInsertedWithTheirFirstEventInTheBatchsLedgerAndLaterChangesLeaveThroughTheOutbox() {
        LocalDate today = ratings.today();
        List<String> codes = IntStream.range(0, 5).mapToObj(i -> uscc("91330106MA2Y01B0" + i)).toList();
        for (String code : codes) {
            events.publish(Topics.RECORD, record(EventTypes.RECORD_PUBLISHED_V1, code, code + "-rec-1", "TAX_ARREARS",
                    "GENERAL", today.minusDays(3), today.plusMonths(12), "PUBLISHED", 1));
        }

        for (String code : codes) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ratings.find(code).block()).isNotNull());
            Document d = stored(code);
            assertThat(d.getString(OutboxRelay.LEDGER_FIELD)).as("first event in a ledger").isNotNull();
            assertThat(d.getList("outbox", Document.class)).as("nothing in the subject's own outbox").isEmpty();
            assertThat(d.getLong("version")).isEqualTo(1L);
            assertThat(d.getString("lock")).isEqualTo(RatedSubject.lockOf(code, 1));
            assertThat(d.getList("history", Document.class)).hasSize(1);
            assertThat(ratingEvents(code, 1)).singleElement().satisfies(e -> {
                assertThat(e.grade()).isEqualTo(ratings.find(code).block().current().grade());
                assertThat(e.previousGrade()).isNull();
                assertThat(e.reason()).contains(code + "-rec-1");
            });
        }
        Query ledgersOfThese = Query.query(Criteria.where("_id").in(codes.stream().map(c -> stored(c).getString(OutboxRelay.LEDGER_FIELD))
                .distinct().toList()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                mongo.count(ledgersOfThese, RatedSubject.COLLECTION + "_outbox_ledgers").block()).as("ledgers deleted once published").isZero());

        // a later change of a stored subject: appended to its history, its event through its outbox, marked sent
        String code = codes.get(0);
        String ledger = stored(code).getString(OutboxRelay.LEDGER_FIELD);
        int before = ratings.find(code).block().current().score();
        events.publish(Topics.RECORD, record(EventTypes.RECORD_PUBLISHED_V1, code, code + "-rec-2", "ADMIN_PENALTY",
                "GENERAL", today.minusDays(2), today.plusMonths(12), "PUBLISHED", 1));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Document d = stored(code);
            assertThat(d.getLong("version")).isEqualTo(2L);
            assertThat(d.getList("outbox", Document.class)).as("marked sent").isEmpty();
        });
        Document d = stored(code);
        assertThat(d.getList("history", Document.class)).hasSize(2);
        assertThat(d.getString(OutboxRelay.LEDGER_FIELD)).as("left as the insert wrote it").isEqualTo(ledger);
        List<RatingChanged> published = ratingEvents(code, 2);
        assertThat(published).hasSize(2);
        assertThat(published.get(1).previousScore()).isEqualTo(before);
        assertThat(published.get(1).score()).isEqualTo(ratings.find(code).block().current().score()).isLessThan(before);
        assertThat(ratings.find(code).block().records()).extracting(r -> r.recordId()).containsExactly(code + "-rec-1", code + "-rec-2");
    }
}
