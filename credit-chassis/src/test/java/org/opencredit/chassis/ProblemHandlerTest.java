package org.opencredit.chassis;

import org.junit.jupiter.api.BeforeEach;
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
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.test.web.reactive.server.WebTestClient;

@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class ProblemHandlerTest {

    @Autowired
    WebTestClient http;

    /** Every request carries a fresh token of a client allowed to use the widgets. */
    @BeforeEach
    void authorize() {
        http = http.mutate().filter((request, next) -> next.exchange(ClientRequest.from(request)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.office(Scopes.RECORDS_WRITE, Scopes.ENTERPRISES_READ)).build())).build();
    }

    @Test
    void invalidFieldsGetProblemJsonListingEachField() {
        http.post().uri("/widgets").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\" \",\"size\":-1}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://opencredit.org/problems/validation")
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.errors[?(@.field=='name')].message").isEqualTo("must not be blank")
                .jsonPath("$.errors[?(@.field=='size')].message").isEqualTo("must be positive")
                .jsonPath("$.detail").value(d -> org.assertj.core.api.Assertions.assertThat((String) d).contains("name must not be blank"));
    }

    @Test
    void malformedJsonGetsProblemJsonNotAServerError() {
        http.post().uri("/widgets").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": ")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://opencredit.org/problems/unreadable-request")
                .jsonPath("$.detail").value(d -> org.assertj.core.api.Assertions.assertThat((String) d).startsWith("the request could not be read"));
    }

    @Test
    void invalidIdentifierNamesTheFault() {
        http.get().uri("/widgets/91350100M000100Y4Z").exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://opencredit.org/problems/invalid-identifier")
                .jsonPath("$.fault").isEqualTo("CHECK_CHARACTER")
                .jsonPath("$.detail").value(d -> org.assertj.core.api.Assertions.assertThat((String) d).contains("require '3'"));
    }

    @Test
    void domainProblemsKeepTheirTypeAndExtraMembers() {
        http.get().uri("/widgets/91350100M000100Y43").exchange()
                .expectStatus().isNotFound()
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://opencredit.org/problems/subject-not-found")
                .jsonPath("$.uscc").isEqualTo("91350100M000100Y43");
    }

    @Test
    void unexpectedErrorsHideInternals() {
        http.get().uri("/boom").exchange()
                .expectStatus().is5xxServerError()
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://opencredit.org/problems/internal")
                .jsonPath("$.detail").value(d -> org.assertj.core.api.Assertions.assertThat((String) d).doesNotContain("secret"));
    }

    @Test
    void healthUsesPingSoTheEmbeddedStoreIsUp() {
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> org.assertj.core.api.Assertions.assertThat(body)
                        .contains("application=\"chassis-test\"").contains("region=\"350000\"")
                        .contains("opencredit_outbox_backlog"));
    }
}
