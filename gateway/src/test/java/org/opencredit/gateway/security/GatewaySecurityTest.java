package org.opencredit.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.contracts.events.Topics;
import org.opencredit.gateway.GatewayTestSupport;
import org.opencredit.gateway.client.ClientDirectory;
import org.opencredit.testkit.CreditInfrastructure;
import org.opencredit.testkit.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The gateway's door with real MongoDB-wire and Kafka: keys, the admin API, rotation, expiry,
 * revocation on another instance, quotas and the audit trail. The service behind is a stub that
 * answers 200 with the Authorization header it received.
 */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "eureka.client.enabled=false")
@AutoConfigureWebTestClient(timeout = "30s")
class GatewaySecurityTest {

    private static final DisposableServer BACKEND = HttpServer.create().host("127.0.0.1").port(0)
            .handle((request, response) -> Mono.delay(request.uri().contains("/slow") ? Duration.ofSeconds(3) : Duration.ZERO)
                    .then(Mono.from(response.header("Content-Type", MediaType.APPLICATION_JSON_VALUE)
                            .sendString(Mono.just("{\"authorization\":\"" + request.requestHeaders().get("Authorization") + "\"}")))))
            .bindNow();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestSupport.secrets(registry);
        // queries time out after 1 s here (10 s in production)
        registry.add("GATEWAY_QUERY_TIMEOUT_MS", () -> "1000");
        for (String service : List.of("enterprise-credit-service", "personal-credit-service")) {
            registry.add("spring.cloud.discovery.client.simple.instances." + service + "[0].uri",
                    () -> "http://127.0.0.1:" + BACKEND.port());
        }
    }

    @AfterAll
    static void stopBackend() {
        BACKEND.disposeNow();
    }

    @Autowired
    WebTestClient http;
    @Autowired
    ReactiveMongoTemplate mongo;

    @Test
    void noKeyIsUnauthorizedWithAChallengeAndAProblemThatSaysHowToAuthenticate() {
        http.get().uri("/api/v1/enterprises/91350100M000100Y43").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "ApiKey realm=\"OpenCredit\"")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://opencredit.org/problems/unauthenticated")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("Authorization: ApiKey <key>").contains("X-API-Key"));
    }

    @Test
    void anUnknownOrMangledKeyIsUnauthorized() {
        String key = GatewayTestSupport.createClient(http, "mangled-partner", "PARTNER", null, List.of("enterprises:read"));
        for (String wrong : List.of(key.substring(0, 57) + (key.endsWith("A") ? "B" : "A"), "ock_aaaaaaaaaa_" + "A".repeat(43), "not-a-key")) {
            http.get().uri("/api/v1/enterprises").header("Authorization", "ApiKey " + wrong).exchange()
                    .expectStatus().isUnauthorized()
                    .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("not valid"));
        }
        http.get().uri("/api/v1/enterprises").header("Authorization", "ApiKey " + key).exchange().expectStatus().isOk();
        http.get().uri("/api/v1/enterprises").header("X-API-Key", key).exchange().expectStatus().isOk();
    }

    @Test
    void theAdminApiNeedsTheAdminScope() {
        String partner = GatewayTestSupport.createClient(http, "nosy-partner", "PARTNER", null, List.of("enterprises:read"));
        http.get().uri("/api/v1/admin/clients").header("X-API-Key", partner).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("'admin'"));
        http.get().uri("/api/v1/admin/clients").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void theAdminApiShowsPrefixesAndStatesButNeverKeysOrHashes() {
        String key = GatewayTestSupport.createClient(http, "listed-dept", "DEPARTMENT", "TAX", List.of("records:write"));
        String listing = http.get().uri("/api/v1/admin/clients").header("X-API-Key", GatewayTestSupport.BOOTSTRAP_KEY).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(listing).contains("\"listed-dept\"").contains("ock_" + key.substring(4, 14)).contains("\"ACTIVE\"")
                .doesNotContain(key).doesNotContain("hash");
    }

    @Test
    void invalidClientRequestsAreProblemsNamingTheField() {
        Map<String, Object> noDepartment = Map.of("name", "x", "kind", "DEPARTMENT", "scopes", List.of("records:write"));
        http.post().uri("/api/v1/admin/clients").header("X-API-Key", GatewayTestSupport.BOOTSTRAP_KEY)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(noDepartment).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.field").isEqualTo("department")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("MARKET_SUPERVISION"));
        Map<String, Object> badScope = Map.of("name", "x", "kind", "PARTNER", "scopes", List.of("everything"));
        http.post().uri("/api/v1/admin/clients").header("X-API-Key", GatewayTestSupport.BOOTSTRAP_KEY)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(badScope).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("unknown scope 'everything'"));
        Map<String, Object> badRegion = Map.of("name", "x", "kind", "PARTNER", "scopes", List.of("ratings:read"), "region", "Hangzhou");
        http.post().uri("/api/v1/admin/clients").header("X-API-Key", GatewayTestSupport.BOOTSTRAP_KEY)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(badRegion).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.field").isEqualTo("region")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("GB/T 2260").contains("'Hangzhou'"));
        Map<String, Object> writingPartner = Map.of("name", "x", "kind", "PARTNER", "scopes", List.of("records:write"));
        http.post().uri("/api/v1/admin/clients").header("X-API-Key", GatewayTestSupport.BOOTSTRAP_KEY)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(writingPartner).exchange()
                .expectStatus().isBadRequest();
        http.post().uri("/api/v1/admin/clients").header("X-API-Key", GatewayTestSupport.BOOTSTRAP_KEY)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": ").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aRotatedKeyWorksDuringItsGracePeriodAndNotAfter() {
        String old = GatewayTestSupport.createClient(http, "rotating-dept", "DEPARTMENT", "MARKET_SUPERVISION", List.of("enterprises:read"));
        @SuppressWarnings("unchecked")
        Map<String, Object> rotated = http.post().uri("/api/v1/admin/clients/rotating-dept/keys")
                .header("X-API-Key", GatewayTestSupport.BOOTSTRAP_KEY)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("gracePeriodSeconds", 3)).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String fresh = (String) rotated.get("key");
        assertThat(fresh).isNotEqualTo(old);
        http.get().uri("/api/v1/enterprises").header("X-API-Key", old).exchange().expectStatus().isOk();
        http.get().uri("/api/v1/enterprises").header("X-API-Key", fresh).exchange().expectStatus().isOk();

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                http.get().uri("/api/v1/enterprises").header("X-API-Key", old).exchange()
                        .expectStatus().isUnauthorized()
                        .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("replaced by a newer key")));
        http.get().uri("/api/v1/enterprises").header("X-API-Key", fresh).exchange().expectStatus().isOk();
    }

    @Test
    void anExpiredKeyIsUnauthorized() {
        String key = GatewayTestSupport.createClient(http, Map.of("id", "short-lived", "name", "x", "kind", "PARTNER",
                "scopes", List.of("enterprises:read"), "keyExpiresAt", Instant.now().plusSeconds(2).toString()));
        http.get().uri("/api/v1/enterprises").header("X-API-Key", key).exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                http.get().uri("/api/v1/enterprises").header("X-API-Key", key).exchange()
                        .expectStatus().isUnauthorized()
                        .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("expired")));
    }

    @Test
    void aRevocationReachesAnotherGatewayInstanceWithinFiveSeconds() {
        // a second gateway instance: its own directory over the same database, polling every second
        ClientDirectory other = new ClientDirectory(mongo, Duration.ofSeconds(1), Clock.systemUTC(), new SimpleMeterRegistry());
        other.start();
        try {
            String key = GatewayTestSupport.createClient(http, "leaky-partner", "PARTNER", null, List.of("enterprises:read"));
            String prefix = key.substring(4, 14);
            await().atMost(Duration.ofSeconds(5)).until(() -> other.byPrefix(prefix) != null);

            long revokedAt = System.nanoTime();
            http.post().uri("/api/v1/admin/clients/leaky-partner/revoke").header("X-API-Key", GatewayTestSupport.BOOTSTRAP_KEY)
                    .exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("REVOKED");
            // this instance at once
            http.get().uri("/api/v1/enterprises").header("X-API-Key", key).exchange().expectStatus().isUnauthorized()
                    .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("revoked"));
            // the other within 5 s
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> other.byPrefix(prefix).client().status().name().equals("REVOKED"));
            assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(5));
        } finally {
            other.stop();
        }
    }

    @Test
    void revokingOneKeyLeavesTheClientsOtherKeysWorking() {
        String first = GatewayTestSupport.createClient(http, "two-keys", "PARTNER", null, List.of("enterprises:read"));
        @SuppressWarnings("unchecked")
        Map<String, Object> rotated = http.post().uri("/api/v1/admin/clients/two-keys/keys").header("X-API-Key", GatewayTestSupport.BOOTSTRAP_KEY)
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String second = (String) rotated.get("key");
        http.delete().uri("/api/v1/admin/clients/two-keys/keys/" + first.substring(0, 14)).header("X-API-Key", GatewayTestSupport.BOOTSTRAP_KEY)
                .exchange().expectStatus().isOk();
        http.get().uri("/api/v1/enterprises").header("X-API-Key", first).exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/v1/enterprises").header("X-API-Key", second).exchange().expectStatus().isOk();
    }

    @Test
    void aClientOverItsRateGets429WithRetryAfterAndRecovers() {
        String key = GatewayTestSupport.createClient(http, Map.of("id", "eager-partner", "name", "x", "kind", "PARTNER",
                "scopes", List.of("enterprises:read"), "limits", Map.of("perSecond", 1, "burst", 3)));
        for (int i = 0; i < 3; i++) {
            http.get().uri("/api/v1/enterprises").header("X-API-Key", key).exchange().expectStatus().isOk()
                    .expectHeader().valueEquals("X-RateLimit-Limit", "3")
                    .expectHeader().valueEquals("X-RateLimit-Remaining", Integer.toString(2 - i));
        }
        http.get().uri("/api/v1/enterprises").header("X-API-Key", key).exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().valueEquals("Retry-After", "1")
                .expectHeader().valueEquals("X-RateLimit-Remaining", "0")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/rate-limited");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                http.get().uri("/api/v1/enterprises").header("X-API-Key", key).exchange().expectStatus().isOk());
    }

    @Test
    void aClientOverItsDailyQuotaGets429UntilMidnight() {
        String key = GatewayTestSupport.createClient(http, Map.of("id", "thrifty-partner", "name", "x", "kind", "PARTNER",
                "scopes", List.of("enterprises:read"), "limits", Map.of("perSecond", 100, "burst", 100, "daily", 2)));
        http.get().uri("/api/v1/enterprises").header("X-API-Key", key).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-RateLimit-Daily-Remaining", "1");
        http.get().uri("/api/v1/enterprises").header("X-API-Key", key).exchange().expectStatus().isOk();
        http.get().uri("/api/v1/enterprises").header("X-API-Key", key).exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().value("Retry-After", s -> assertThat(Long.parseLong(s)).isBetween(1L, 86_400L))
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/daily-quota-exceeded");
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeGets503WithRetryAfterFromTheCircuitBreaker() {
        String key = GatewayTestSupport.createClient(http, "patient-partner", "PARTNER", null, List.of("enterprises:read"));
        long started = System.nanoTime();
        http.get().uri("/api/v1/enterprises/slow").header("X-API-Key", key).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "10")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://opencredit.org/problems/service-unavailable")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("did not answer in time"));
        // the route's 1 s timeout, not the backend's 3 s, decided (reads are retried, so allow for that)
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2900));
    }

    @Test
    void anUndeclaredPurposeIsABadRequest() {
        String key = GatewayTestSupport.createClient(http, "purposeful-partner", "PARTNER", null, List.of("persons:read"));
        http.get().uri("/api/v1/persons/x").header("X-API-Key", key).header("X-Purpose", "CURIOSITY").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("HIRING"));
    }

    @Test
    void aClientsLocalGovernmentIsShownAndTravelsInItsAuditEvents() {
        String key = GatewayTestSupport.createClient(http, Map.of("id", "county-amr", "name", "Xihu district AMR", "kind", "DEPARTMENT",
                "department", "MARKET_SUPERVISION", "scopes", List.of("enterprises:read"), "region", "330106"));
        http.get().uri("/api/v1/admin/clients/county-amr").header("X-API-Key", GatewayTestSupport.BOOTSTRAP_KEY).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.region").isEqualTo("330106");
        http.get().uri("/api/v1/enterprises/91350100M000100Y43").header("X-API-Key", key).header("X-Correlation-Id", "region-test-1")
                .exchange();
        List<ConsumerRecord<String, String>> events = TopicReader.readUntil(CreditInfrastructure.get().bootstrapServers(),
                Topics.ACCESS_AUDIT, r -> r.stream().anyMatch(e -> e.value().contains("region-test-1")), Duration.ofSeconds(20));
        assertThat(events.stream().filter(e -> e.value().contains("region-test-1")).findFirst().orElseThrow().value())
                .contains("\"client\":\"county-amr\"").contains("\"clientKind\":\"DEPARTMENT\"").contains("\"clientRegion\":\"330106\"");
        http.patch().uri("/api/v1/admin/clients/county-amr").header("X-API-Key", GatewayTestSupport.BOOTSTRAP_KEY)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("region", "330102")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.region").isEqualTo("330102").jsonPath("$.scopes[0]").isEqualTo("enterprises:read");
    }

    @Test
    void everyRequestIsAuditedAsALogLineAndAnEventWithoutIdentityNumbersInClear() {
        String key = GatewayTestSupport.createClient(http, "audited-partner", "PARTNER", null, List.of("persons:read"));
        String idNumber = "11010519491231002X";
        http.get().uri("/api/v1/persons/" + idNumber + "/report").header("X-API-Key", key).header("X-Purpose", "HIRING")
                .header("X-Correlation-Id", "audit-test-0001").exchange().expectStatus().isOk();
        http.get().uri("/api/v1/enterprises/91350100M000100Y43").header("X-Correlation-Id", "audit-test-0002").exchange()
                .expectStatus().isUnauthorized();

        List<ConsumerRecord<String, String>> events = TopicReader.readUntil(CreditInfrastructure.get().bootstrapServers(),
                Topics.ACCESS_AUDIT, r -> r.stream().filter(e -> e.value().contains("audit-test-000")).count() >= 2, Duration.ofSeconds(20));
        String person = events.stream().filter(e -> e.value().contains("audit-test-0001")).findFirst().orElseThrow().value();
        assertThat(person).doesNotContain(idNumber).contains("\"client\":\"audited-partner\"").contains("\"status\":200")
                .contains("\"route\":\"personal-credit-service\"").contains("\"purpose\":\"HIRING\"")
                .containsPattern("\"subject\":\"person:[0-9a-f]{16}\"").containsPattern("/api/v1/persons/person:[0-9a-f]{16}/report");
        assertThat(person).contains("\"clientKind\":\"PARTNER\"").contains("\"clientRegion\":null");
        String refused = events.stream().filter(e -> e.value().contains("audit-test-0002")).findFirst().orElseThrow().value();
        assertThat(refused).contains("\"status\":401").contains("\"subject\":\"91350100M000100Y43\"").contains("\"client\":null");
    }
}
