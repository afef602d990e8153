package org.opencredit.gateway;

import java.util.List;
import java.util.Map;

import org.opencredit.contracts.security.InternalToken;
import org.opencredit.testkit.TestTokens;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Secrets and helpers every gateway test context shares; the secrets are generated per test run. */
public final class GatewayTestSupport {

    public static final String BOOTSTRAP_KEY = "test-bootstrap-" + java.util.UUID.randomUUID() + java.util.UUID.randomUUID();
    public static final String PEPPER = "test-pepper-" + java.util.UUID.randomUUID() + java.util.UUID.randomUUID();

    private GatewayTestSupport() {
    }

    public static void secrets(DynamicPropertyRegistry registry) {
        registry.add("opencredit.gateway.keys.pepper", () -> PEPPER);
        registry.add("opencredit.gateway.bootstrap-admin-key", () -> BOOTSTRAP_KEY);
        registry.add(InternalToken.SIGNING_JWKS_PROPERTY, TestTokens::signingJwks);
        // each test class its own database, so clients of one do not leak into another
        registry.add("spring.mongodb.database", () -> "gateway_" + Long.toHexString(System.nanoTime()));
    }

    /** Creates a client through the admin API with the bootstrap key; returns the new key. */
    @SuppressWarnings("unchecked")
    public static String createClient(WebTestClient http, Map<String, Object> body) {
        Map<String, Object> issued = http.post().uri("/api/v1/admin/clients")
                .header("Authorization", "ApiKey " + BOOTSTRAP_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) issued.get("key");
    }

    public static String createClient(WebTestClient http, String id, String kind, String department, List<String> scopes) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("id", id, "name", "test " + id, "kind", kind, "scopes", scopes));
        if (department != null) {
            body.put("department", department);
        }
        return createClient(http, body);
    }
}
