package org.opencredit.personal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.contracts.security.ClientKind;
import org.opencredit.contracts.security.Purposes;
import org.opencredit.contracts.security.Scopes;
import org.opencredit.personal.access.AccessDenials;
import org.opencredit.personal.access.AccessPolicy;
import org.opencredit.testkit.CreditInfrastructure;
import org.opencredit.testkit.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The consent register: the credit office registers and revokes persons' written authorisations (each
 * change in the person's access log); a partner reads only under a registered, current, unrevoked consent
 * for that person, client and purpose, and a refusal says which of these failed. Refusals are counted by
 * reason in {@code opencredit_persons_access_denied_total}.
 */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class ConsentRegisterTest {

    @Autowired
    WebTestClient http;
    @Autowired
    ReactiveMongoTemplate mongo;

    WebTestClient.ResponseSpec registerConsent(String token, Map<String, Object> body) {
        return http.post().uri("/api/v1/persons/consents").contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.AUTHORIZATION, token)
                .bodyValue(body).exchange();
    }

    static Map<String, Object> consent(String reference, String number, String client, List<String> purposes, LocalDate from,
                                       LocalDate until) {
        return Map.of("reference", reference, "identityNumber", number, "name", "周某", "client", client, "purposes", purposes,
                "validFrom", from.toString(), "validUntil", until.toString());
    }

    WebTestClient.ResponseSpec revoke(String reference, String reason) {
        return http.post().uri("/api/v1/persons/consents/" + reference + "/revocation").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.consentOffice()).bodyValue(Map.of("reason", reason)).exchange();
    }

    WebTestClient.ResponseSpec lookup(String client, String purpose, String consent, String number) {
        return http.post().uri("/api/v1/persons/lookup").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.partner(client, purpose)).header(AccessPolicy.CONSENT_HEADER, consent)
                .bodyValue(Map.of("identityNumber", number)).exchange();
    }

    void refused(WebTestClient.ResponseSpec response, String slug) {
        response.expectStatus().isForbidden().expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/" + slug)
                .jsonPath("$.identityNumber").doesNotExist().jsonPath("$.personRef").doesNotExist();
    }

    /** The value of {@code opencredit_persons_access_denied_total} for a reason, from the Prometheus page. */
    double denied(String reason) {
        String page = http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody();
        Matcher m = Pattern.compile("(?m)^opencredit_persons_access_denied_total\\{[^}]*reason=\"" + Pattern.quote(reason) + "\"[^}]*} (\\S+)$")
                .matcher(page);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    @Test
    void aPartnerReadsOnlyUnderARegisteredCurrentUnrevokedConsentForItsClientPersonAndPurpose() {
        String number = TestCallers.newIdentityNumber();
        String other = TestCallers.newIdentityNumber();
        LocalDate today = LocalDate.now();
        String reference = "WA-CONSENT-" + number.substring(10);
        double invalidBefore = denied(AccessDenials.CONSENT_INVALID);

        // the person need not be registered yet: the registration registers them
        registerConsent(TestCallers.consentOffice(), consent(reference, number, "partner-bank",
                List.of(Purposes.FINANCING), today.minusDays(1), today.plusYears(1)))
                .expectStatus().isCreated()
                .expectHeader().location("/api/v1/persons/consents/" + reference)
                .expectBody().jsonPath("$.state").isEqualTo("CURRENT").jsonPath("$.client").isEqualTo("partner-bank")
                .jsonPath("$.registeredBy").isEqualTo("office-consents").jsonPath("$.identityNumber").doesNotExist();
        String personRef = mongo.findById(reference, Document.class, "consents").block().getString("personRef");
        assertThat(personRef).matches("P[0-9a-f]{24}");
        assertThat(mongo.findById(reference, Document.class, "consents").block().toJson()).doesNotContain(number).doesNotContain("周某");

        lookup("partner-bank", Purposes.FINANCING, reference, number).expectStatus().isOk()
                .expectBody().jsonPath("$.personRef").isEqualTo(personRef).jsonPath("$.masked").isEqualTo(true);

        refused(lookup("partner-bank", Purposes.FINANCING, "WA-NEVER-REGISTERED", number), "consent-unknown");
        refused(lookup("partner-other", Purposes.FINANCING, reference, number), "consent-other-client");
        refused(lookup("partner-bank", Purposes.HIRING, reference, number), "consent-other-purpose");
        // another number under this consent: refused whether or not that person is registered
        refused(lookup("partner-bank", Purposes.FINANCING, reference, other), "consent-other-person");

        // not yet valid, and (once its last day has passed) expired
        String later = "WA-LATER-" + number.substring(10);
        registerConsent(TestCallers.consentOffice(), consent(later, number, "partner-bank", List.of(Purposes.FINANCING),
                today.plusDays(3), today.plusDays(30))).expectStatus().isCreated().expectBody().jsonPath("$.state").isEqualTo("NOT_YET_VALID");
        refused(lookup("partner-bank", Purposes.FINANCING, later, number), "consent-not-yet-valid");
        String old = "WA-OLD-" + number.substring(10);
        registerConsent(TestCallers.consentOffice(), consent(old, number, "partner-bank", List.of(Purposes.FINANCING),
                today.minusDays(30), today)).expectStatus().isCreated();
        lookup("partner-bank", Purposes.FINANCING, old, number).expectStatus().isOk();
        // as stored, a consent registered a month ago whose last day was yesterday
        mongo.updateFirst(Query.query(Criteria.where("_id").is(old)), new Update().set("validUntil", today.minusDays(1)), "consents")
                .block();
        refused(lookup("partner-bank", Purposes.FINANCING, old, number), "consent-expired");

        // revoked: refused from now on; revoking twice is a conflict, an unknown reference 404
        revoke(reference, "本人书面撤回授权").expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("REVOKED")
                .jsonPath("$.revokedBy").isEqualTo("office-consents").jsonPath("$.revocationReason").isEqualTo("本人书面撤回授权");
        refused(lookup("partner-bank", Purposes.FINANCING, reference, number), "consent-revoked");
        revoke(reference, "again").expectStatus().isEqualTo(409).expectBody().jsonPath("$.type")
                .isEqualTo("https://opencredit.org/problems/consent-revoked");
        revoke("WA-NEVER-REGISTERED", "x").expectStatus().isNotFound();

        // the person's access log: the registrations and the revocation by the office, each refusal with its reason
        List<Document> log = mongo.find(Query.query(Criteria.where("personRef").is(personRef)), Document.class, "access_log")
                .collectList().block();
        assertThat(log).filteredOn(d -> "consent-registration".equals(d.getString("data")))
                .extracting(d -> d.getString("consentReference")).containsExactlyInAnyOrder(reference, later, old);
        assertThat(log).filteredOn(d -> "consent-revocation".equals(d.getString("data"))).singleElement().satisfies(d -> {
            assertThat(d.getString("client")).isEqualTo("office-consents");
            assertThat(d.getString("consentReference")).isEqualTo(reference);
        });
        assertThat(log).filteredOn(d -> "DENIED".equals(d.getString("outcome"))).extracting(d -> d.getString("reason"))
                .contains("consent-unknown", "consent-other-client", "consent-other-purpose", "consent-not-yet-valid", "consent-expired",
                        "consent-revoked");
        // the refusal for another person is logged, but not against this person
        assertThat(log).noneMatch(d -> "consent-other-person".equals(d.getString("reason")));

        // seven consent refusals above, each counted once under consent-invalid
        assertThat(denied(AccessDenials.CONSENT_INVALID)).isEqualTo(invalidBefore + 7);
    }

    @Test
    void onlyTheCreditOfficeRegistersAndBadRegistrationsNameTheFields() {
        String number = TestCallers.newIdentityNumber();
        LocalDate today = LocalDate.now();
        double scopeBefore = denied(AccessDenials.SCOPE);
        Map<String, Object> valid = consent("WA-ONLY-" + number.substring(10), number, "partner-bank", List.of(Purposes.FINANCING),
                today, today.plusDays(10));

        // a partner or a department lacks the admin scope: refused by the security layer, counted as scope
        registerConsent(TestCallers.partner("partner-bank", Purposes.FINANCING), valid).expectStatus().isForbidden();
        registerConsent(TestCallers.department("TRANSPORT", null), valid).expectStatus().isForbidden();
        assertThat(denied(AccessDenials.SCOPE)).isEqualTo(scopeBefore + 2);
        // the admin scope alone is not enough for a non-office client
        registerConsent(TestTokens.client("dept-admin", ClientKind.DEPARTMENT, "TRANSPORT", null, Scopes.ADMIN), valid)
                .expectStatus().isForbidden().expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/office-only");

        registerConsent(TestCallers.consentOffice(), consent("x", number, "partner-bank", List.of(Purposes.SELF_INQUIRY, "GOSSIP"),
                today.plusDays(5), today))
                .expectStatus().isBadRequest().expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[?(@.field=='reference')]").exists()
                .jsonPath("$.errors[?(@.field=='purposes')].message").value(v -> assertThat(v.toString()).contains("SELF_INQUIRY")
                        .contains("GOSSIP"))
                .jsonPath("$.errors[?(@.field=='validUntil')]").exists();
        registerConsent(TestCallers.consentOffice(), consent("WA-PAST-" + number.substring(10), number, "partner-bank",
                List.of(Purposes.FINANCING), today.minusDays(10), today.minusDays(1)))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("validUntil");
        registerConsent(TestCallers.consentOffice(), Map.of("reference", "WA-MISSING-1", "identityNumber", number))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.type").exists();
        registerConsent(TestCallers.consentOffice(), Map.of("reference", "WA-BADNUM-1", "identityNumber", "123", "name", "x",
                "client", "partner-bank", "purposes", List.of(Purposes.FINANCING), "validFrom", today.toString(),
                "validUntil", today.toString())).expectStatus().isBadRequest();
        assertThat(mongo.count(Query.query(Criteria.where("_id").in("x", "WA-MISSING-1", "WA-BADNUM-1", "WA-PAST-" + number.substring(10))),
                "consents").block()).isZero();

        registerConsent(TestCallers.consentOffice(), valid).expectStatus().isCreated();
        registerConsent(TestCallers.consentOffice(), valid).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/consent-exists");
    }

    @Test
    void everyDenialReasonIsExportedFromStartAndRefusalsAreCountedByReason() {
        for (String reason : AccessDenials.REASONS) {
            assertThat(denied(reason)).as(reason).isGreaterThanOrEqualTo(0);
        }
        String number = TestCallers.newIdentityNumber();
        double purpose = denied(AccessDenials.PURPOSE_MISSING);
        double consent = denied(AccessDenials.CONSENT_REQUIRED);
        http.post().uri("/api/v1/persons/lookup").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.department("TRANSPORT", null))
                .bodyValue(Map.of("identityNumber", number)).exchange().expectStatus().isForbidden();
        http.post().uri("/api/v1/persons/lookup").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.partner("partner-metric", Purposes.FINANCING))
                .bodyValue(Map.of("identityNumber", number)).exchange().expectStatus().isForbidden();
        assertThat(denied(AccessDenials.PURPOSE_MISSING)).isEqualTo(purpose + 1);
        assertThat(denied(AccessDenials.CONSENT_REQUIRED)).isEqualTo(consent + 1);
    }
}
