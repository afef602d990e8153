package org.opencredit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Gateway 5 silently ignores routes under the old property prefix, so prove they really loaded. */
@org.junit.jupiter.api.extension.ExtendWith(org.opencredit.testkit.CreditInfrastructure.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "eureka.client.enabled=false")
@AutoConfigureWebTestClient(timeout = "30s")
class RoutesTest {

    @org.springframework.test.context.DynamicPropertySource
    static void secrets(org.springframework.test.context.DynamicPropertyRegistry registry) {
        GatewayTestSupport.secrets(registry);
    }

    private static final String[] SERVICES = {
            "enterprise-credit-service", "personal-credit-service", "rating-service", "blacklist-service"};

    @Autowired
    RouteLocator routeLocator;

    @Autowired
    WebTestClient http;

    @Test
    void everyServiceAndItsApiDocsHaveALoadBalancedRoute() {
        Map<String, URI> routes = routeLocator.getRoutes().collectList().block().stream()
                .collect(Collectors.toMap(Route::getId, Route::getUri));

        for (String service : SERVICES) {
            assertThat(routes).containsEntry(service, URI.create("lb://" + service));
            assertThat(routes).containsEntry(service + "-api-docs", URI.create("lb://" + service));
        }
        // bulk ingest has its own route: longer timeout, larger bodies
        assertThat(routes).containsEntry("enterprise-credit-service-batches", URI.create("lb://enterprise-credit-service"));
        assertThat(routes).hasSize(2 * SERVICES.length + 1);
    }

    @Test
    void gatewayActuatorEndpointListsTheRoutes() {
        http.get().uri("/actuator/gateway/routes")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[*].route_id").value(ids -> assertThat(ids).asList().contains((Object[]) SERVICES))
                .jsonPath("$[?(@.route_id == 'blacklist-service')].uri").isEqualTo("lb://blacklist-service");
    }

    @Test
    void gatewayActuatorEndpointCannotChangeRoutes() {
        http.post().uri("/actuator/gateway/refresh")
                .exchange()
                .expectStatus().value(status -> assertThat(status).isIn(404, 405));
        http.delete().uri("/actuator/gateway/routes/enterprise-credit-service")
                .exchange()
                .expectStatus().value(status -> assertThat(status).isIn(404, 405));

        assertThat(routeLocator.getRoutes().map(Route::getId).collectList().block())
                .contains("enterprise-credit-service");
    }
}
