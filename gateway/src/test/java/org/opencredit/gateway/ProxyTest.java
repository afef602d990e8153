package org.opencredit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.testkit.CreditInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/** Requests through the gateway to a stub enterprise-credit-service that echoes what it received. */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "eureka.client.enabled=false")
@AutoConfigureWebTestClient(timeout = "30s")
class ProxyTest {

    static String key;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Answers every request with its path and the identity headers as the backend received them. */
    private static final DisposableServer BACKEND = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .handle((request, response) -> Mono.delay(request.uri().contains("/slow") ? Duration.ofMillis(300) : Duration.ZERO)
                    .then(Mono.from(response
                            .header("Content-Type", MediaType.APPLICATION_JSON_VALUE)
                            .sendString(Mono.fromSupplier(() -> JSON.writeValueAsString(Map.of(
                                    "path", URI.create(request.uri()).getPath(),
                                    "uri", request.uri(),
                                    "authorization", request.requestHeaders().getAll("Authorization"),
                                    "apiKey", request.requestHeaders().getAll("X-API-Key"),
                                    "correlation", request.requestHeaders().getAll("X-Correlation-Id"),
                                    "client", request.requestHeaders().getAll("X-OpenCredit-Client"))))))))
            .bindNow();

    @DynamicPropertySource
    static void backend(DynamicPropertyRegistry registry) {
        GatewayTestSupport.secrets(registry);
        registry.add("spring.cloud.discovery.client.simple.instances.enterprise-credit-service[0].uri",
                () -> "http://127.0.0.1:" + BACKEND.port());
        // blacklist-service: one instance that refuses connections, one that answers
        int dead = org.opencredit.testkit.FreePorts.next();
        registry.add("spring.cloud.discovery.client.simple.instances.blacklist-service[0].uri", () -> "http://127.0.0.1:" + dead);
        registry.add("spring.cloud.discovery.client.simple.instances.blacklist-service[1].uri", () -> "http://127.0.0.1:" + BACKEND.port());
    }

    @AfterAll
    static void stopBackend() {
        BACKEND.disposeNow();
    }

    @Autowired
    WebTestClient http;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @BeforeEach
    void partnerKey() {
        if (key == null) {
            key = GatewayTestSupport.createClient(http, Map.of("id", "proxy-partner", "name", "proxy test", "kind", "PARTNER",
                    "scopes", List.of("enterprises:read"), "limits", Map.of("perSecond", 1000, "burst", 1000)));
        }
    }

    @Test
    void routesEnterpriseRequestToTheServiceWithThePathUnchanged() {
        http.get().uri("/api/v1/enterprises/91350100M000100Y43?view=full")
                .header("X-API-Key", key)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.path").isEqualTo("/api/v1/enterprises/91350100M000100Y43")
                .jsonPath("$.uri").isEqualTo("/api/v1/enterprises/91350100M000100Y43?view=full");
    }

    @Test
    void routesTheCollectionPathWithoutTrailingSegment() {
        http.get().uri("/api/v1/enterprises")
                .header("X-API-Key", key)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.path").isEqualTo("/api/v1/enterprises");
    }

    @Test
    void forgedIdentityHeadersNeverReachTheServiceAndTheApiKeyStaysAtTheGateway() {
        http.get().uri("/api/v1/enterprises/91350100M000100Y43")
                .header("X-API-Key", key)
                .header("X-OpenCredit-Client", "evil")
                .header("x-opencredit-caller", "office-admin")
                .header("X-OPENCREDIT-CLIENT", "evil-too")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.client").isEmpty()
                .jsonPath("$.apiKey").isEmpty()
                .jsonPath("$.authorization[0]").value(a -> assertThat((String) a).startsWith("Bearer ey"));
    }

    @Test
    void aCallerCannotForwardATokenOfItsOwn() {
        // the caller's Authorization header is replaced, never passed on
        String forged = org.opencredit.testkit.TestTokens.office("admin", "records:write");
        http.get().uri("/api/v1/enterprises/91350100M000100Y43")
                .header("Authorization", forged)
                .exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void correlationIdIsForwardedAndReturned() {
        http.get().uri("/api/v1/enterprises/91350100M000100Y43")
                .header("X-API-Key", key)
                .header("X-Correlation-Id", "dept-batch-20261127-0001")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Correlation-Id", "dept-batch-20261127-0001")
                .expectBody().jsonPath("$.correlation[0]").isEqualTo("dept-batch-20261127-0001");
        http.get().uri("/api/v1/enterprises/91350100M000100Y43")
                .header("X-API-Key", key)
                .header("X-Correlation-Id", "bad id with spaces")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().value("X-Correlation-Id", id -> assertThat(id).matches("[0-9a-f-]{36}"));
    }

    @Test
    void servesTheServiceApiDocsUnderItsNameWithThePathRewritten() {
        http.get().uri("/v3/api-docs/enterprise-credit-service")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.path").isEqualTo("/v3/api-docs");
    }

    @Test
    void swaggerUiListsTheFourServices() {
        String page = http.get().uri("/swagger-ui.html")
                .exchange()
                .expectStatus().is3xxRedirection()
                .returnResult(Void.class).getResponseHeaders().getLocation().toString();
        assertThat(page).endsWith("/swagger-ui/index.html");
        http.get().uri(page)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).value(html -> assertThat(html).contains("Swagger UI"));

        http.get().uri("/gateway-api-docs/swagger-config")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.urls[*].name").value(names -> assertThat(names).asList().containsExactlyInAnyOrder(
                        "enterprise-credit-service", "personal-credit-service", "rating-service", "blacklist-service", "gateway-admin"))
                .jsonPath("$.urls[?(@.name == 'rating-service')].url").isEqualTo("/v3/api-docs/rating-service");
    }

    @Test
    void theGatewayPublishesOnlyItsAdminApiWithTheApiKeyScheme() {
        http.get().uri("/v3/api-docs").exchange().expectStatus().isNotFound();
        http.get().uri("/gateway-api-docs").exchange().expectStatus().isNotFound();
        http.get().uri("/gateway-api-docs/gateway-admin").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/api/v1/admin/clients']").exists()
                .jsonPath("$.paths['/api/v1/admin/clients/{id}/keys']").exists()
                .jsonPath("$.components.securitySchemes.apiKey.name").isEqualTo("X-API-Key")
                .jsonPath("$.security[0].apiKey").exists()
                .jsonPath("$.paths['/fallback/{service}']").doesNotExist();
    }

    @Test
    void pathMatchingNoRouteIsNotFoundAsProblemJson() {
        http.get().uri("/api/v1/unknown/thing").header("X-API-Key", key).exchange().expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://opencredit.org/problems/no-route")
                .jsonPath("$.detail").value(d -> org.assertj.core.api.Assertions.assertThat((String) d)
                        .contains("GET /api/v1/unknown/thing").contains("/swagger-ui.html"));
        http.get().uri("/api/v1/enterprisesX").header("X-API-Key", key).exchange().expectStatus().isNotFound();
    }

    @Test
    void aServiceWithoutARunningInstanceIsUnavailableAsProblemJson() {
        // no instance of rating-service is registered in this test
        http.get().uri("/api/v1/ratings/91350100M000100Y43").header("X-API-Key", key).exchange().expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://opencredit.org/problems/service-unavailable")
                .jsonPath("$.detail").value(d -> org.assertj.core.api.Assertions.assertThat((String) d).contains("rating-service"));
        http.get().uri("/api/v1/ratings/91350100M000100Y43").header("X-API-Key", key).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "10");
    }

    @Test
    void readsAreRetriedOnAnotherInstanceWritesAreNot() {
        for (int i = 0; i < 6; i++) {
            http.get().uri("/api/v1/lists/subjects/91350100M000100Y43").header("X-API-Key", key).exchange().expectStatus().isOk();
        }
        List<Integer> writes = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            writes.add(http.post().uri("/api/v1/credit-checks").header("X-API-Key", key).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{}").exchange().returnResult(String.class).getStatus().value());
        }
        // round robin sends every other write to the dead instance, and a write is never repeated
        assertThat(writes).contains(200).contains(503);
    }

    @Test
    void manyConcurrentCallsToAHealthyServiceAllSucceed() {
        // the circuit breaker must not cap concurrency (Resilience4j's default bulkhead allows 25, then 503)
        org.springframework.web.reactive.function.client.WebClient client =
                org.springframework.web.reactive.function.client.WebClient.create("http://127.0.0.1:" + port);
        List<Integer> statuses = reactor.core.publisher.Flux.range(0, 60)
                .flatMap(i -> client.get().uri("/api/v1/enterprises/slow").header("X-API-Key", key)
                        .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value())), 60)
                .collectList().block(Duration.ofSeconds(30));
        assertThat(statuses).hasSize(60).containsOnly(200);
    }

    @Test
    void aBodyOverTheRouteLimitIsRefusedBeforeTheService() {
        http.post().uri("/api/v1/records").header("X-API-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"pad\":\"" + "x".repeat(1_100_000) + "\"}")
                .exchange()
                .expectStatus().isEqualTo(413);
    }

    @Test
    void readinessProbeIsUp() {
        http.get().uri("/actuator/health/readiness")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void prometheusScrapeHasCommonTagsAndPerRouteRequestMetrics() {
        http.get().uri("/api/v1/enterprises/91350100M000100Y43").header("X-API-Key", key).exchange().expectStatus().isOk();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String scrape = http.get().uri("/actuator/prometheus")
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(scrape).contains("application=\"gateway\"").contains("region=\"350000\"");
            assertThat(scrape.lines()
                    .filter(line -> line.startsWith("spring_cloud_gateway_requests_seconds_count{"))
                    .filter(line -> line.contains("routeId=\"enterprise-credit-service\"")))
                    .isNotEmpty();
            // the latency SLO alert counts requests within 1 s from this bucket
            assertThat(scrape.lines().filter(line -> line.startsWith("spring_cloud_gateway_requests_seconds_bucket{"))
                    .filter(line -> line.contains("le=\"1.0\"") && line.contains("routeId=\"enterprise-credit-service\"")))
                    .isNotEmpty();
            // RED per API client
            assertThat(scrape.lines()
                    .filter(line -> line.startsWith("opencredit_gateway_client_requests_seconds_count{"))
                    .filter(line -> line.contains("client=\"proxy-partner\"") && line.contains("route=\"enterprise-credit-service\"")
                            && line.contains("status=\"2xx\"")))
                    .isNotEmpty();
            // with a latency histogram per client: the share of a client's requests within 1 s
            assertThat(scrape.lines()
                    .filter(line -> line.startsWith("opencredit_gateway_client_requests_seconds_bucket{"))
                    .filter(line -> line.contains("client=\"proxy-partner\"") && line.contains("le=\"1.0\"")))
                    .isNotEmpty();
            // observations are off for the proxied path (FIELD-NOTES: ~15% CPU per request)
            assertThat(scrape).doesNotContain("http_server_requests_seconds");
        });
    }
}
