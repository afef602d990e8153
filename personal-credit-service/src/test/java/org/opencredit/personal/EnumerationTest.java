package org.opencredit.personal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.contracts.security.Purposes;
import org.opencredit.personal.access.AccessPolicy;
import org.opencredit.testkit.CreditInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A partner walking through identity numbers, or collecting refusals, is detected, throttled and counted (test limits: 10 persons, 6 refusals). */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class EnumerationTest {

    @Autowired
    WebTestClient http;
    @Autowired
    MeterRegistry registry;

    WebTestClient.ResponseSpec lookup(String client, String consent) {
        return lookup(client, consent, TestCallers.newIdentityNumber());
    }

    WebTestClient.ResponseSpec lookup(String client, String consent, String number) {
        WebTestClient.RequestBodySpec spec = http.post().uri("/api/v1/persons/lookup").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.partner(client, Purposes.FINANCING));
        if (consent != null) {
            spec = spec.header(AccessPolicy.CONSENT_HEADER, consent);
        }
        return spec.bodyValue(Map.of("identityNumber", number)).exchange();
    }

    /** A read the partner is entitled to: a fresh person with a consent registered for this partner. */
    WebTestClient.ResponseSpec consentedLookup(String client) {
        String number = TestCallers.newIdentityNumber();
        return lookup(client, Consents.register(http, number, client, Purposes.FINANCING), number);
    }

    double denied(String reason) {
        return registry.get("opencredit.persons.access.denied").tag("reason", reason).counter().count();
    }

    double suspected(String client) {
        Counter c = registry.find("opencredit.persons.enumeration.suspected").tag("client", client).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void aPartnerAskingForTooManyDifferentPersonsIsThrottled() {
        // every read granted (a consent for each person), but 11 different persons in the window
        for (int i = 0; i < 11; i++) {
            consentedLookup("partner-walker").expectStatus().isOk();
        }
        assertThat(suspected("partner-walker")).isEqualTo(1);
        consentedLookup("partner-walker").expectStatus().isEqualTo(429)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, v -> assertThat(Long.parseLong(v)).isPositive())
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/enumeration-suspected")
                .jsonPath("$.retryAfterSeconds").exists();
        // other partners are not affected
        consentedLookup("partner-bystander").expectStatus().isOk();
        assertThat(suspected("partner-bystander")).isZero();
    }

    @Test
    void aPartnerCollectingRefusalsIsThrottled() {
        double consentRequired = denied("consent-required");
        double enumeration = denied("enumeration");
        for (int i = 0; i < 7; i++) {
            lookup("partner-prober", null).expectStatus().isForbidden();
        }
        lookup("partner-prober", "WA-ENUM-3").expectStatus().isEqualTo(429);
        // each refusal is counted by reason, the throttled read too
        assertThat(denied("consent-required")).isEqualTo(consentRequired + 7);
        assertThat(denied("enumeration")).isEqualTo(enumeration + 1);
        assertThat(suspected("partner-prober")).isEqualTo(1);
        assertThat(registry.find("opencredit.persons.enumeration.throttled").tag("client", "partner-prober").counter().count()).isEqualTo(1);
    }
}
