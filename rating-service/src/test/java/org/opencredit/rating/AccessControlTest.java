package org.opencredit.rating;

import static org.opencredit.testkit.TestCodes.uscc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.contracts.security.Scopes;
import org.opencredit.testkit.CreditInfrastructure;
import org.opencredit.testkit.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Ratings are read with the gateway's token and scope ratings:read only. */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class AccessControlTest {

    @Autowired
    WebTestClient http;

    final String path = "/api/v1/ratings/" + uscc("91350200MA2YA0001");

    @Test
    void withoutATokenTheAnswerIsUnauthenticated() {
        http.get().uri(path).header("X-OpenCredit-Caller", "office-admin").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/unauthenticated");
    }

    @Test
    void withTheScopeTheRequestReachesTheService() {
        // the subject is unknown here: the service itself answers
        http.get().uri(path).header(HttpHeaders.AUTHORIZATION, TestTokens.partner(Scopes.RATINGS_READ)).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/subject-not-rated");
    }

    @Test
    void withoutTheScopeTheRequestIsForbiddenNamingIt() {
        http.get().uri(path).header(HttpHeaders.AUTHORIZATION, TestTokens.partner(Scopes.ENTERPRISES_READ, Scopes.LISTS_READ)).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://opencredit.org/problems/forbidden")
                .jsonPath("$.requiredScope").isEqualTo(Scopes.RATINGS_READ);
    }
}
