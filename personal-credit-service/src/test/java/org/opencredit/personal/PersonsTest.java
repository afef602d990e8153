package org.opencredit.personal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.contracts.security.Purposes;
import org.opencredit.personal.access.AccessPolicy;
import org.opencredit.testkit.CreditInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Persons are stored hashed and encrypted, answered masked, and read only with purpose (and consent for partners), logged. */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class PersonsTest {

    @Autowired
    WebTestClient http;
    @Autowired
    ReactiveMongoTemplate mongo;

    String register(String number, String name) {
        return http.post().uri("/api/v1/persons").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.department("TRANSPORT", null))
                .bodyValue(Map.of("identityNumber", number, "name", name)).exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("personRef").toString();
    }

    WebTestClient.ResponseSpec lookup(String token, String consent, String number, boolean reveal) {
        WebTestClient.RequestBodySpec spec = http.post().uri("/api/v1/persons/lookup" + (reveal ? "?reveal=true" : ""))
                .contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.AUTHORIZATION, token);
        if (consent != null) {
            spec = spec.header(AccessPolicy.CONSENT_HEADER, consent);
        }
        return spec.bodyValue(Map.of("identityNumber", number)).exchange();
    }

    List<Document> accessLog(String personRef) {
        return mongo.find(Query.query(Criteria.where("personRef").is(personRef)), Document.class, "access_log").collectList().block();
    }

    @Test
    void aPersonIsStoredOnlyAsKeyedHashAndCiphertextAndAnsweredMasked() throws Exception {
        String number = TestCallers.newIdentityNumber();
        String ref = http.post().uri("/api/v1/persons").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.department("TRANSPORT", null))
                .bodyValue(Map.of("identityNumber", number.toLowerCase(), "name", "张三丰")).exchange()
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.identityNumber").isEqualTo(number.substring(0, 6) + "********" + number.substring(14))
                .jsonPath("$.name").isEqualTo("张**")
                .jsonPath("$.masked").isEqualTo(true)
                .returnResult().getResponseHeaders().getLocation().getPath().replace("/api/v1/persons/", "");
        assertThat(ref).matches("P[0-9a-f]{24}");

        Document stored = mongo.findById(ref, Document.class, "persons").block();
        assertThat(stored.toJson()).doesNotContain(number).doesNotContain(number.substring(0, 17)).doesNotContain("张三丰");
        // the hash is HMAC-SHA256 under the configured key, computed here independently
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(CreditInfrastructure.TEST_PERSONAL_HASH_KEY), "HmacSHA256"));
        assertThat(stored.getString("identityHash")).isEqualTo(HexFormat.of().formatHex(mac.doFinal(number.getBytes(StandardCharsets.UTF_8))));
        // the copy is AES-256-GCM under the configured key, bound to its field
        byte[] sealed = Base64.getDecoder().decode(stored.getString("identityNumber").substring("v1.".length()));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(CreditInfrastructure.TEST_PERSONAL_ENCRYPTION_KEY),
                "AES"), new GCMParameterSpec(128, sealed, 0, 12));
        cipher.updateAAD("identityNumber".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(cipher.doFinal(sealed, 12, sealed.length - 12), StandardCharsets.UTF_8)).isEqualTo(number);

        // registered once: the same number again is a conflict naming the existing reference
        http.post().uri("/api/v1/persons").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.department("TRANSPORT", null))
                .bodyValue(Map.of("identityNumber", number, "name", "张三丰")).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/person-exists").jsonPath("$.personRef").isEqualTo(ref);
    }

    @Test
    void aReadWithoutPurposeIsRefusedAndTheRefusalIsLogged() {
        String number = TestCallers.newIdentityNumber();
        String ref = register(number, "李四");
        lookup(TestCallers.department("HUMAN_RESOURCES", null), null, number, false)
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/purpose-required")
                .jsonPath("$.identityNumber").doesNotExist();
        List<Document> log = accessLog(ref);
        assertThat(log).hasSize(1);
        assertThat(log.get(0).getString("outcome")).isEqualTo("DENIED");
        assertThat(log.get(0).getString("reason")).isEqualTo("purpose-required");
        assertThat(log.get(0).getString("client")).isEqualTo("dept-human_resources");

        lookup(TestCallers.department("HUMAN_RESOURCES", Purposes.HIRING), null, number, false)
                .expectStatus().isOk().expectBody().jsonPath("$.personRef").isEqualTo(ref).jsonPath("$.masked").isEqualTo(true);
        assertThat(accessLog(ref)).anySatisfy(e -> {
            assertThat(e.getString("outcome")).isEqualTo("GRANTED");
            assertThat(e.getString("purpose")).isEqualTo("HIRING");
            assertThat(e.getString("data")).isEqualTo("person");
        });
    }

    @Test
    void aPartnerNeedsTheConsentReferenceAndAnAllowedPurpose() {
        String number = TestCallers.newIdentityNumber();
        String ref = register(number, "王五");
        String consent = Consents.register(http, number, "partner-consent", Purposes.FINANCING);
        lookup(TestCallers.partner("partner-consent", Purposes.FINANCING), null, number, false)
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/consent-required")
                .jsonPath("$.header").isEqualTo("X-Consent-Reference");
        lookup(TestCallers.partner("partner-consent", Purposes.SUPERVISION), consent, number, false)
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/purpose-not-allowed");
        lookup(TestCallers.partner("partner-consent", Purposes.FINANCING), consent, number, true)
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/reveal-not-allowed");
        lookup(TestCallers.partner("partner-consent", Purposes.FINANCING), consent, number, false)
                .expectStatus().isOk()
                .expectBody().jsonPath("$.identityNumber").isEqualTo(number.substring(0, 6) + "********" + number.substring(14));

        List<Document> log = accessLog(ref).stream().filter(d -> d.getString("data").startsWith("person")).toList();
        assertThat(log).extracting(d -> d.getString("outcome")).containsExactlyInAnyOrder("DENIED", "DENIED", "DENIED", "GRANTED");
        assertThat(log).filteredOn(d -> "GRANTED".equals(d.getString("outcome")))
                .singleElement().satisfies(d -> {
                    assertThat(d.getString("consentReference")).isEqualTo(consent);
                    assertThat(d.getString("purpose")).isEqualTo("FINANCING");
                    assertThat(d.getString("clientKind")).isEqualTo("PARTNER");
                    assertThat(d.get("at")).isNotNull();
                });
    }

    @Test
    void aRefusedCallerCannotTellWhetherAPersonExists() {
        String unknown = TestCallers.newIdentityNumber();
        String known = TestCallers.newIdentityNumber();
        register(known, "赵六");
        String token = TestCallers.partner("partner-probe", Purposes.HIRING);
        String a = lookup(token, null, unknown, false).expectStatus().isForbidden().expectBody(String.class).returnResult().getResponseBody();
        String b = lookup(token, null, known, false).expectStatus().isForbidden().expectBody(String.class).returnResult().getResponseBody();
        assertThat(a).isEqualTo(b);
        // nor with a registered consent: it is for one person, so any other number, registered or not, gets the same refusal
        String holder = TestCallers.newIdentityNumber();
        String consent = Consents.register(http, holder, "partner-probe", Purposes.HIRING);
        String c = lookup(token, consent, unknown, false).expectStatus().isForbidden().expectBody(String.class).returnResult()
                .getResponseBody();
        String d = lookup(token, consent, known, false).expectStatus().isForbidden().expectBody(String.class).returnResult()
                .getResponseBody();
        assertThat(c).isEqualTo(d).contains("consent-other-person");
        // a department with a purpose asking for an unknown number gets a plain 404, logged without a person
        lookup(TestCallers.department("PROBE_DEPT", Purposes.HIRING), null, unknown, false).expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/person-not-found");
        assertThat(mongo.count(Query.query(Criteria.where("client").is("dept-probe_dept").and("outcome").is("NOT_FOUND")), "access_log")
                .block()).isEqualTo(1);
    }

    @Test
    void onlyTheCreditOfficeSeesTheNumberWholeAndOnlyWhenItAsks() {
        String number = TestCallers.newIdentityNumber();
        String ref = register(number, "钱七");
        http.get().uri("/api/v1/persons/" + ref + "?reveal=true").header(HttpHeaders.AUTHORIZATION, TestCallers.desk(Purposes.SUPERVISION))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.identityNumber").isEqualTo(number).jsonPath("$.name").isEqualTo("钱七").jsonPath("$.masked").isEqualTo(false);
        http.get().uri("/api/v1/persons/" + ref).header(HttpHeaders.AUTHORIZATION, TestCallers.desk(Purposes.SUPERVISION))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo("钱*");
        http.get().uri("/api/v1/persons/" + ref + "?reveal=true")
                .header(HttpHeaders.AUTHORIZATION, TestCallers.department("TRANSPORT", Purposes.ADMINISTRATIVE_LICENSING))
                .exchange().expectStatus().isForbidden();
        assertThat(accessLog(ref)).extracting(d -> d.getString("data") + "/" + d.getString("outcome"))
                .containsExactlyInAnyOrder("person+identityNumber/GRANTED", "person/GRANTED", "person+identityNumber/DENIED");
    }

    @Test
    void theIssuingDepartmentRecordsKeyGroupMembershipsFromTheReferenceData() {
        String ref = register(TestCallers.newIdentityNumber(), "孙八");
        http.post().uri("/api/v1/persons/" + ref + "/memberships").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.department("TRANSPORT", null))
                .bodyValue(Map.of("group", "DRIVER", "licenceNumber", "350100123456", "since", "2015-03-01")).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.memberships[0].group").isEqualTo("DRIVER").jsonPath("$.memberships[0].batch").isEqualTo(1)
                .jsonPath("$.memberships[0].department").isEqualTo("TRANSPORT");
        http.post().uri("/api/v1/persons/" + ref + "/memberships").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.department("TRANSPORT", null))
                .bodyValue(Map.of("group", "DOCTOR", "licenceNumber", "X1", "since", "2015-03-01")).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/department-not-entitled");
        http.post().uri("/api/v1/persons/" + ref + "/memberships").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.department("TRANSPORT", null))
                .bodyValue(Map.of("group", "ASTRONAUT", "licenceNumber", "X1", "since", "2015-03-01")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/unknown-key-group");
        http.get().uri("/api/v1/key-groups").header(HttpHeaders.AUTHORIZATION, TestCallers.partner("partner-groups", null)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.groups[?(@.code=='INSURANCE_AGENT')].batch").isEqualTo(1)
                .jsonPath("$.groups[?(@.code=='TEACHER')].batch").isEqualTo(2)
                .jsonPath("$.groups[?(@.code=='HOUSING_FUND_BORROWER')].batch").isEqualTo(3);
    }

    @Test
    void anUnknownFieldInARegistrationIsRejectedNamingIt() {
        http.post().uri("/api/v1/persons").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.department("TRANSPORT", null))
                .bodyValue(Map.of("identityNumber", TestCallers.newIdentityNumber(), "name", "周九", "nickname", "x")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("nickname"));
    }
}
