package org.opencredit.rating;

import static org.opencredit.testkit.TestCodes.uscc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.contracts.events.EventEnvelope;
import org.opencredit.contracts.events.SubjectRegistered;
import org.opencredit.contracts.events.Topics;
import org.opencredit.contracts.security.Scopes;
import org.opencredit.testkit.CreditInfrastructure;
import org.opencredit.testkit.EventPublisher;
import org.opencredit.testkit.TestTokens;
import org.opencredit.testkit.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.ClientRequest;

@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class SubjectReadModelTest {

    static EventPublisher events;

    @Autowired
    WebTestClient http;
    @Autowired
    ReactiveMongoTemplate mongo;

    @BeforeAll
    static void publisher() {
        events = new EventPublisher(CreditInfrastructure.get().bootstrapServers());
    }

    @AfterAll
    static void close() {
        events.close();
    }

    /** Every request carries a fresh token of a client that may read ratings. */
    @BeforeEach
    void authorize() {
        http = http.mutate().filter((request, next) -> next.exchange(ClientRequest.from(request)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.partner(Scopes.RATINGS_READ)).build())).build();
    }


    static EventEnvelope registered(String id, String code, String name) {
        String data = "{\"uscc\":\"" + code + "\",\"name\":\"" + name + "\",\"authority\":\"MARKET_REGULATION\","
                + "\"entityKind\":\"enterprise\",\"regionCode\":\"" + code.substring(2, 8) + "\",\"registeredAt\":\"2026-11-27T08:00:00Z\"}";
        return new EventEnvelope(id, SubjectRegistered.TYPE, "/enterprise-credit-service", code, Instant.now(), data);
    }

    @Test
    void aRegisteredSubjectBecomesVisibleAsNotYetRated() {
        String code = uscc("91350200MA2Y00011");
        http.get().uri("/api/v1/ratings/" + code).exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/subject-not-known");
        events.publish(Topics.SUBJECT, registered(UUID.randomUUID().toString(), code, "厦门示例有限公司"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                http.get().uri("/api/v1/ratings/" + code).exchange().expectStatus().isOk()
                        .expectBody()
                        .jsonPath("$.name").isEqualTo("厦门示例有限公司")
                        .jsonPath("$.regionCode").isEqualTo("350200")
                        .jsonPath("$.status").isEqualTo("NOT_YET_RATED")
                        .jsonPath("$.grade").doesNotExist());
    }

    @Test
    void aRedeliveredEventChangesNothingAndAReplayConverges() {
        String code = uscc("91350200MA2Y00022");
        String id = UUID.randomUUID().toString();
        events.publish(Topics.SUBJECT, registered(id, code, "Replay Co."));
        events.publish(Topics.SUBJECT, registered(id, code, "Replay Co."));
        // a replay of the same registration under a new id (topic rebuilt from offset 0) converges
        events.publish(Topics.SUBJECT, registered(UUID.randomUUID().toString(), code, "Replay Co."));
        await().atMost(Duration.ofSeconds(20)).until(() -> mongo.count(
                Query.query(Criteria.where("_id").regex("^rating-service\\.subjects/")
                        .and("subject").is(code)), "processed_events").block() == 2);
        assertThat(mongo.count(Query.query(Criteria.where("_id").is(code)), "subjects").block()).isEqualTo(1);
    }

    @Test
    void aMalformedEventGoesToTheDeadLetterTopicAndTheConsumerCarriesOn() {
        String poisoned = uscc("91350200MA2Y00033");
        events.publish(Topics.SUBJECT, new EventEnvelope(UUID.randomUUID().toString(), SubjectRegistered.TYPE, "/x",
                poisoned, Instant.now(), "{not json"));
        var dead = TopicReader.readUntil(CreditInfrastructure.get().bootstrapServers(), Topics.deadLetter(Topics.SUBJECT),
                r -> r.stream().anyMatch(x -> poisoned.equals(x.key())), Duration.ofSeconds(30));
        assertThat(dead).anySatisfy(r -> {
            assertThat(r.key()).isEqualTo(poisoned);
            assertThat(TopicReader.header(r, "kafka_dlt-exception-message")).contains("not a valid SubjectRegistered");
        });
        String next = uscc("91350200MA2Y00044");
        events.publish(Topics.SUBJECT, registered(UUID.randomUUID().toString(), next, "After Poison Co."));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                http.get().uri("/api/v1/ratings/" + next).exchange().expectStatus().isOk());
    }

    @Test
    void anInvalidCodeInThePathIsABadRequest() {
        http.get().uri("/api/v1/ratings/91350200MA2Y0004").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.fault").isEqualTo("LENGTH");
    }
}
