package org.opencredit.personal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.contracts.security.ClientKind;
import org.opencredit.contracts.security.Scopes;
import org.opencredit.testkit.CreditInfrastructure;
import org.opencredit.testkit.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Identity numbers are checked with the gateway's token and scope persons:read only. */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class AccessControlTest {

    static final String BODY = "{\"identityNumber\":\"11010519491231002X\"}";

    @Autowired
    WebTestClient http;

    WebTestClient.RequestHeadersSpec<?> check() {
        return http.post().uri("/api/v1/persons/identity-checks").contentType(MediaType.APPLICATION_JSON).bodyValue(BODY);
    }

    @Test
    void withoutATokenTheAnswerIsUnauthenticated() {
        check().header("X-OpenCredit-Department", "HUMAN_RESOURCES").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/unauthenticated");
    }

    @Test
    void withTheScopeTheNumberIsChecked() {
        check().header(HttpHeaders.AUTHORIZATION, TestTokens.client("dept-human-resources", ClientKind.DEPARTMENT, "HUMAN_RESOURCES",
                        null, Scopes.PERSONS_READ)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.valid").isEqualTo(true).jsonPath("$.masked").isEqualTo("110105********002X");
    }

    @Test
    void withoutTheScopeTheRequestIsForbiddenNamingIt() {
        check().header(HttpHeaders.AUTHORIZATION, TestTokens.partner(Scopes.ENTERPRISES_READ)).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://opencredit.org/problems/forbidden")
                .jsonPath("$.requiredScope").isEqualTo(Scopes.PERSONS_READ)
                .jsonPath("$.detail").isEqualTo("your API client lacks the scope 'persons:read' needed for "
                        + "POST /api/v1/persons/identity-checks; ask the credit office to grant it");
    }
}
