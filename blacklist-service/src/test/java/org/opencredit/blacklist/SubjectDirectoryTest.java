package org.opencredit.blacklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.contracts.events.EventEnvelope;
import org.opencredit.contracts.events.SubjectRegistered;
import org.opencredit.contracts.events.Topics;
import org.opencredit.contracts.security.Scopes;
import org.opencredit.contracts.identifier.Uscc;
import org.opencredit.testkit.CreditInfrastructure;
import org.opencredit.testkit.EventPublisher;
import org.opencredit.testkit.TestTokens;
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
@org.springframework.context.annotation.Import(MutableClock.Config.class)
@AutoConfigureWebTestClient(timeout = "30s")
class SubjectDirectoryTest {

    @Autowired
    WebTestClient http;
    @Autowired
    ReactiveMongoTemplate mongo;

    /** Every request carries a fresh token of a client that may read lists. */
    @BeforeEach
    void authorize() {
        http = http.mutate().filter((request, next) -> next.exchange(ClientRequest.from(request)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.partner(Scopes.LISTS_READ)).build())).build();
    }

    @Test
    void learnsRegisteredSubjectsOnceAndAnswersWithNoListEntries() {
        String code = "91350300MA2Y00011".concat(String.valueOf(Uscc.checkCharacter("91350300MA2Y00011")));
        String data = "{\"uscc\":\"" + code + "\",\"name\":\"莆田示例有限公司\",\"authority\":\"MARKET_REGULATION\","
                + "\"entityKind\":\"enterprise\",\"regionCode\":\"350300\",\"registeredAt\":\"2026-11-27T08:00:00Z\"}";
        EventEnvelope event = new EventEnvelope(UUID.randomUUID().toString(), SubjectRegistered.TYPE,
                "/enterprise-credit-service", code, Instant.now(), data);
        http.get().uri("/api/v1/lists/subjects/" + code).exchange().expectStatus().isNotFound();
        try (EventPublisher publisher = new EventPublisher(CreditInfrastructure.get().bootstrapServers())) {
            publisher.publish(Topics.SUBJECT, event);
            publisher.publish(Topics.SUBJECT, event);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                http.get().uri("/api/v1/lists/subjects/" + code).exchange().expectStatus().isOk()
                        .expectBody()
                        .jsonPath("$.name").isEqualTo("莆田示例有限公司")
                        .jsonPath("$.restricted").isEqualTo(false)
                        .jsonPath("$.entries.length()").isEqualTo(0));
        await().atMost(Duration.ofSeconds(10)).until(() -> mongo.count(Query.query(
                Criteria.where("_id").is("blacklist-service.subjects/" + event.id())), "processed_events").block() == 1);
        assertThat(mongo.count(Query.query(Criteria.where("_id").is(code)), "subjects").block()).isEqualTo(1);
    }

    @Test
    void aBadCodeGetsProblemJson() {
        http.get().uri("/api/v1/lists/subjects/ABC").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/invalid-identifier");
    }
}
