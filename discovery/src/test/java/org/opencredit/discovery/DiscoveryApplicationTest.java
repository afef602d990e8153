package org.opencredit.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DiscoveryApplicationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {};

    @LocalServerPort
    int port;

    RestClient http;

    @BeforeEach
    void client() {
        http = RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();
    }

    @Test
    void registryAnswersWithApplicationsAsJson() {
        ResponseEntity<Map<String, Object>> response = http.get().uri("/eureka/apps")
                .accept(MediaType.APPLICATION_JSON)
                .retrieve().toEntity(JSON_OBJECT);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).containsKey("applications");
        assertThat(response.getBody().get("applications")).isInstanceOf(Map.class);
    }

    @Test
    void registeredInstanceIsListedImmediately() {
        String instance = """
                {"instance": {
                  "instanceId": "127.0.0.1:probe-service:9999",
                  "hostName": "127.0.0.1", "app": "PROBE-SERVICE", "ipAddr": "127.0.0.1",
                  "status": "UP", "port": {"$": 9999, "@enabled": "true"},
                  "vipAddress": "probe-service",
                  "dataCenterInfo": {"@class": "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo", "name": "MyOwn"}
                }}""";

        ResponseEntity<Void> registered = http.post().uri("/eureka/apps/PROBE-SERVICE")
                .contentType(MediaType.APPLICATION_JSON).body(instance)
                .retrieve().toBodilessEntity();
        assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        // no read-only response cache: the registration is visible to the very next fetch
        Map<String, Object> application = http.get().uri("/eureka/apps/PROBE-SERVICE")
                .accept(MediaType.APPLICATION_JSON)
                .retrieve().body(JSON_OBJECT);
        assertThat(application).extractingByKey("application").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("name", "PROBE-SERVICE");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> instances = (List<Map<String, Object>>) ((Map<String, Object>) application.get("application")).get("instance");
        assertThat(instances).singleElement().satisfies(i -> {
            assertThat(i).containsEntry("instanceId", "127.0.0.1:probe-service:9999");
            assertThat(i).containsEntry("status", "UP");
        });
    }

    @Test
    void readinessProbeIsUp() {
        Map<String, Object> readiness = http.get().uri("/actuator/health/readiness")
                .retrieve().body(JSON_OBJECT);

        assertThat(readiness).containsEntry("status", "UP");
    }

    @Test
    void prometheusScrapeCarriesTheCommonTags() {
        String scrape = http.get().uri("/actuator/prometheus").retrieve().body(String.class);

        assertThat(scrape).contains("application=\"discovery\"").contains("region=\"350000\"");
    }

    @Test
    void onlyTheIntendedActuatorEndpointsAreExposed() {
        ResponseEntity<Void> env = http.get().uri("/actuator/env")
                .retrieve().onStatus(s -> true, (req, res) -> { }).toBodilessEntity();

        assertThat(env.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }
}
