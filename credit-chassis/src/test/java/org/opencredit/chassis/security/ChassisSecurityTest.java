package org.opencredit.chassis.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.chassis.ChassisTestApplication;
import org.opencredit.contracts.security.ClientKind;
import org.opencredit.contracts.security.Scopes;
import org.opencredit.testkit.CreditInfrastructure;
import org.opencredit.testkit.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The chassis' side of the internal token: the caller controllers see, the API document, starting without keys. */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(classes = ChassisTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class ChassisSecurityTest {

    @Autowired
    WebTestClient http;

    @Test
    void aControllerSeesTheCallerTheTokenNames() {
        http.get().uri("/whoami").header(HttpHeaders.AUTHORIZATION, TestTokens.client("tax-bureau", ClientKind.DEPARTMENT, "TAX",
                        "SUPERVISION", Scopes.ENTERPRISES_READ, Scopes.RECORDS_WRITE)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.clientId").isEqualTo("tax-bureau")
                .jsonPath("$.kind").isEqualTo("DEPARTMENT")
                .jsonPath("$.department").isEqualTo("TAX")
                .jsonPath("$.purpose").isEqualTo("SUPERVISION")
                .jsonPath("$.scopes.length()").isEqualTo(2);
    }

    @Test
    void onlyADepartmentClientActsForADepartment() {
        http.get().uri("/whoami").header(HttpHeaders.AUTHORIZATION, TestTokens.client("agency", ClientKind.PARTNER, "TAX", null,
                        Scopes.ENTERPRISES_READ)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.kind").isEqualTo("PARTNER")
                .jsonPath("$.department").doesNotExist();
    }

    @Test
    void anUnlistedPathIsDeniedEvenWithAToken() {
        http.get().uri("/not-in-the-rules").header(HttpHeaders.AUTHORIZATION, TestTokens.office(Scopes.ADMIN)).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/forbidden");
    }

    @Test
    void theApiDocumentDeclaresTheApiKeyAndHidesTheCallerParameter() {
        http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.components.securitySchemes.apiKey.type").isEqualTo("apiKey")
                .jsonPath("$.components.securitySchemes.apiKey.in").isEqualTo("header")
                .jsonPath("$.components.securitySchemes.apiKey.name").isEqualTo("X-API-Key")
                .jsonPath("$.security[0].apiKey").exists()
                .jsonPath("$.paths['/whoami'].get").exists()
                .jsonPath("$.paths['/whoami'].get.parameters").doesNotExist()
                .jsonPath("$.paths['/whoami'].get.requestBody").doesNotExist();
    }

    @Test
    void aServiceWithoutTokenKeysDoesNotStartAndSaysWhichVariableToSet() {
        SpringApplication app = new SpringApplication(ChassisTestApplication.class);
        app.setWebApplicationType(WebApplicationType.REACTIVE);
        Throwable failure = null;
        try (var ignored = app.run("--server.port=0", "--opencredit.security.token.verification-jwks=", "--spring.kafka.listener.auto-startup=false")) {
            // started: the assertion below fails
        } catch (RuntimeException e) {
            failure = e;
        }
        assertThat(failure).as("startup must fail").isNotNull();
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertThat(root).isInstanceOf(TokenKeysException.class).hasMessageContaining("OPENCREDIT_TOKEN_VERIFICATION_JWKS");
    }
}
