package org.opencredit.chassis.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.chassis.ChassisTestApplication;
import org.opencredit.contracts.security.ClientKind;
import org.opencredit.contracts.security.InternalToken;
import org.opencredit.contracts.security.Scopes;
import org.opencredit.testkit.CreditInfrastructure;
import org.opencredit.testkit.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ConfigurableApplicationContext;
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

    /** Runs the test service outside the test context, with the keys only where {@code args} put them. */
    static Throwable startupFailure(String... args) {
        SpringApplication app = new SpringApplication(ChassisTestApplication.class);
        app.setWebApplicationType(WebApplicationType.REACTIVE);
        String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of("--server.port=0",
                "--spring.kafka.listener.auto-startup=false"), java.util.Arrays.stream(args)).toArray(String[]::new);
        try (ConfigurableApplicationContext context = app.run(all)) {
            assertThat(context.getBean(InternalTokenDecoder.class).keyIds()).contains(TestTokens.CURRENT_KID, TestTokens.PREVIOUS_KID);
            return null;
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return root;
        }
    }

    @Test
    void aServiceWithoutTokenKeysDoesNotStartAndSaysWhichVariableToSet() {
        // the testkit hands the keys over as a system property; here they must come from the variable alone
        String keys = System.clearProperty(InternalToken.VERIFICATION_JWKS_PROPERTY);
        try {
            assertThat(startupFailure()).as("startup without keys must fail")
                    .isInstanceOf(TokenKeysException.class)
                    .hasMessageContaining("OPENCREDIT_TOKEN_VERIFICATION_JWKS").hasMessageContaining("is not set");
            assertThat(startupFailure("--OPENCREDIT_TOKEN_VERIFICATION_JWKS={\"keys\":[]}"))
                    .isInstanceOf(TokenKeysException.class).hasMessageContaining("holds no key");
            assertThat(startupFailure("--OPENCREDIT_TOKEN_VERIFICATION_JWKS=" + TestTokens.verificationJwks()))
                    .as("the variable the deployment sets is the one read").isNull();
        } finally {
            System.setProperty(InternalToken.VERIFICATION_JWKS_PROPERTY, keys);
        }
    }
}
