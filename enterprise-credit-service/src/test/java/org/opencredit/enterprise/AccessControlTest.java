package org.opencredit.enterprise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencredit.testkit.TestCodes.uscc;

import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.contracts.security.ClientKind;
import org.opencredit.contracts.security.Scopes;
import org.opencredit.testkit.CreditInfrastructure;
import org.opencredit.testkit.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The service trusts only the gateway's internal token and enforces scopes and department ownership itself. */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class AccessControlTest {

    static final String PROBLEMS = "https://opencredit.org/problems/";

    @Autowired
    WebTestClient http;
    @Autowired
    ReactiveMongoTemplate mongo;

    static String penalty(String code, String id) {
        return """
                {"category":"ADMIN_PENALTY","severity":"GENERAL","departmentRecordId":"%s","uscc":"%s","subjectName":"访问控制测试有限公司",
                 "decisionDate":"%s","penalty":{"documentNumber":"%s","violationType":"无证经营","penaltyCategory":"罚款",
                 "penaltyContent":"罚款1万元","fineAmount":10000,"authority":"福州市市场监督管理局"}}"""
                .formatted(id, code, LocalDate.now().minusDays(1), id);
    }

    WebTestClient.ResponseSpec submit(String authorization, String body) {
        WebTestClient.RequestBodySpec request = http.post().uri("/api/v1/records").contentType(MediaType.APPLICATION_JSON);
        if (authorization != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        return request.bodyValue(body).exchange();
    }

    long stored(String code) {
        return mongo.count(Query.query(Criteria.where("uscc").is(code)), "records").block();
    }

    WebTestClient.ResponseSpec readCatalogue(String authorization) {
        return http.get().uri("/api/v1/catalogue").header(HttpHeaders.AUTHORIZATION, authorization).exchange();
    }

    void expectTokenRejected(WebTestClient.ResponseSpec response) {
        response.expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "unauthenticated")
                .jsonPath("$.detail").value(d -> assertThat(d.toString()).startsWith("the bearer token was not accepted")
                        .contains("Authorization: ApiKey <key>"));
    }

    @Test
    void aRequestWithoutATokenIsUnauthenticatedAndToldToUseTheGateway() {
        http.get().uri("/api/v1/enterprises/" + uscc("91350100MA2YA0001")).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "unauthenticated")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.title").isEqualTo("Unauthenticated")
                .jsonPath("$.detail").value(d -> assertThat(d.toString())
                        .contains("only through the OpenCredit gateway").contains("Authorization: ApiKey <key>"));
        // an API key sent straight to the service is no token either
        http.get().uri("/api/v1/catalogue").header(HttpHeaders.AUTHORIZATION, "ApiKey oc_live_abc.def").exchange()
                .expectStatus().isUnauthorized().expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }

    @Test
    void aForgedDepartmentHeaderWithoutATokenIsUnauthenticatedAndStoresNothing() {
        String code = uscc("91350100MA2YA0002");
        http.post().uri("/api/v1/records").contentType(MediaType.APPLICATION_JSON)
                .header("X-OpenCredit-Department", "MARKET_SUPERVISION").header("X-OpenCredit-Caller", "office-admin")
                .bodyValue(penalty(code, "ACL-2")).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "unauthenticated");
        assertThat(stored(code)).isZero();
    }

    @Test
    void aTokenSignedByAKeyTheServiceDoesNotKnowIsRejected() {
        expectTokenRejected(readCatalogue(TestTokens.token().scopes(Scopes.ENTERPRISES_READ).signedWithUnknownKey().bearer()));
        // nor does naming a known key id help a token signed with another key
        expectTokenRejected(readCatalogue(TestTokens.token().scopes(Scopes.ENTERPRISES_READ).forgedUnderCurrentKid().bearer()));
        expectTokenRejected(readCatalogue("Bearer not.a.jwt"));
    }

    @Test
    void anExpiredTokenIsRejected() {
        expectTokenRejected(readCatalogue(TestTokens.token().scopes(Scopes.ENTERPRISES_READ).expired(Duration.ofSeconds(30)).bearer()));
    }

    @Test
    void aTokenForAnotherAudienceOrFromAnotherIssuerIsRejected() {
        expectTokenRejected(readCatalogue(TestTokens.token().scopes(Scopes.ENTERPRISES_READ).audience("another-platform").bearer()));
        expectTokenRejected(readCatalogue(TestTokens.token().scopes(Scopes.ENTERPRISES_READ).issuer("someone-else").bearer()));
    }

    @Test
    void aTokenOfThePreviousKeyIsAcceptedWhileTheKeysRotate() {
        readCatalogue(TestTokens.token().scopes(Scopes.ENTERPRISES_READ).signedWithPreviousKey().bearer())
                .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo("2024.1");
        readCatalogue(TestTokens.token().scopes(Scopes.ENTERPRISES_READ).bearer()).expectStatus().isOk();
    }

    @Test
    void aValidTokenWithoutTheScopeIsForbiddenNamingTheScope() {
        String code = uscc("91350100MA2YA0003");
        // a credit agency may read, not write
        submit(TestTokens.partner(Scopes.ENTERPRISES_READ), penalty(code, "ACL-3"))
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "forbidden")
                .jsonPath("$.status").isEqualTo(403)
                .jsonPath("$.requiredScope").isEqualTo(Scopes.RECORDS_WRITE)
                .jsonPath("$.detail").isEqualTo("your API client lacks the scope 'records:write' needed for POST /api/v1/records; "
                        + "ask the credit office to grant it");
        assertThat(stored(code)).isZero();
        // a department that may write records is no reader of subjects unless granted
        http.get().uri("/api/v1/enterprises/" + code).header(HttpHeaders.AUTHORIZATION, TestTokens.department("TAX", Scopes.RECORDS_WRITE))
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.requiredScope").isEqualTo(Scopes.ENTERPRISES_READ);
        http.post().uri("/api/v1/enterprises").contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.AUTHORIZATION, TestCallers.reader())
                .bodyValue("{\"uscc\":\"" + code + "\",\"name\":\"x\"}").exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.requiredScope").isEqualTo(Scopes.ENTERPRISES_WRITE);
    }

    @Test
    void historiesAndRecordsOutOfPublicityAreForAuditorsOnly() {
        String code = uscc("91350100MA2YA0004");
        http.get().uri("/api/v1/records/some-record/history").header(HttpHeaders.AUTHORIZATION, TestCallers.reader()).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.requiredScope").isEqualTo(Scopes.RECORDS_AUDIT);
        http.get().uri("/api/v1/enterprises/" + code + "/records?all=true").header(HttpHeaders.AUTHORIZATION, TestCallers.reader()).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "forbidden")
                .jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("'records:audit'").contains("all=true"));
        http.get().uri("/api/v1/enterprises/" + code + "/records?all=true").header(HttpHeaders.AUTHORIZATION, TestCallers.auditor()).exchange()
                .expectStatus().isOk();
    }

    @Test
    void aDepartmentWritesOnlyItsOwnCategoriesAndOnlyADepartmentKeyCarriesADepartment() {
        String code = uscc("91350100MA2YA0005");
        // courts do not impose administrative penalties: the department named by the token is not entitled
        submit(TestTokens.department("COURT", Scopes.RECORDS_WRITE), penalty(code, "ACL-5"))
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "category-not-entitled");
        // a partner's token with a department claim does not make it that department
        submit(TestTokens.client("agency", ClientKind.PARTNER, "MARKET_SUPERVISION", null, Scopes.RECORDS_WRITE), penalty(code, "ACL-5"))
                .expectStatus().isForbidden()
                .expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "department-required")
                .jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("DEPARTMENT API key").doesNotContain("X-Local-Department"));
        assertThat(stored(code)).isZero();
        submit(TestTokens.department("MARKET_SUPERVISION", Scopes.RECORDS_WRITE), penalty(code, "ACL-5"))
                .expectStatus().isCreated().expectBody().jsonPath("$.department").isEqualTo("MARKET_SUPERVISION");
    }

    @Test
    void aBulkJobIsVisibleOnlyToTheDepartmentThatSubmittedIt() {
        String code = uscc("91350100MA2YA0006");
        String line = "{\"category\":\"TAX_ARREARS\",\"departmentRecordId\":\"ACL-6\",\"uscc\":\"" + code + "\",\"subjectName\":\"某公司\","
                + "\"decisionDate\":\"" + LocalDate.now().minusDays(1) + "\",\"details\":{\"summary\":\"欠税\"}}";
        String location = http.post().uri("/api/v1/records/batches?async=true").contentType(MediaType.parseMediaType("application/x-ndjson"))
                .header(HttpHeaders.AUTHORIZATION, TestCallers.department("TAX")).bodyValue(line).exchange()
                .expectStatus().isAccepted().returnResult(String.class).getResponseHeaders().getLocation().getPath();
        http.get().uri(location).header(HttpHeaders.AUTHORIZATION, TestCallers.department("COURT")).exchange().expectStatus().isNotFound();
        http.get().uri(location).header(HttpHeaders.AUTHORIZATION, TestCallers.department("TAX")).exchange().expectStatus().isOk();
    }

    @Test
    void probesMetricsAndTheApiDocumentNeedNoTokenAndEverythingElseIsDenied() {
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.components.securitySchemes.apiKey.type").isEqualTo("apiKey")
                .jsonPath("$.components.securitySchemes.apiKey.in").isEqualTo("header")
                .jsonPath("$.components.securitySchemes.apiKey.name").isEqualTo("X-API-Key")
                .jsonPath("$.components.securitySchemes.apiKey.description").value(d -> assertThat(d.toString())
                        .contains("credit office").contains("Authorization: ApiKey <key>"))
                .jsonPath("$.security[0].apiKey").exists()
                // the caller comes from the token: no operation documents it as a parameter
                .jsonPath("$.paths['/api/v1/records'].post.parameters").doesNotExist()
                .jsonPath("$.paths['/api/v1/records/{recordId}/revisions'].post.parameters.length()").isEqualTo(1);
        // not on the list: denied by default, with or without a token
        http.get().uri("/actuator/env").exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/v1/nothing-here").header(HttpHeaders.AUTHORIZATION, TestTokens.office(Scopes.ADMIN)).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "forbidden");
    }
}
