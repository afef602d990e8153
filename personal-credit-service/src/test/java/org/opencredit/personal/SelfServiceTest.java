package org.opencredit.personal;

import java.time.LocalDate;

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
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The person, through the office desk: two free reports a year then chargeable, who queried them, a statement on a record. */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class SelfServiceTest {

    @Autowired
    WebTestClient http;
    @Autowired
    ReactiveMongoTemplate mongo;

    @Test
    void theThirdReportOfAYearIsChargeableAndThePersonSeesWhoQueriedThem() {
        String number = TestCallers.newIdentityNumber();
        String body = """
                {"departmentRecordId":"self-1","category":"ADMIN_PENALTY","identityNumber":"%s","name":"郑某","decisionDate":"%s",
                 "title":"违停","content":"违法停车"}""".formatted(number, LocalDate.now().minusDays(3));
        String id = http.post().uri("/api/v1/person-records").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.department("TRANSPORT", null)).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(Document.class).returnResult().getResponseBody().getString("recordId");
        String personRef = mongo.findById(id, Document.class, "person_records").block().getString("personRef");

        http.put().uri("/api/v1/person-records/" + id + "/statement").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.desk(Purposes.SELF_INQUIRY)).bodyValue("{\"statement\":\"罚款已于当日缴清\"}")
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.statement").isEqualTo("罚款已于当日缴清");

        // a partner queries with the consent the credit office registered
        String consent = Consents.register(http, number, "partner-self", Purposes.FINANCING);
        http.get().uri("/api/v1/persons/" + personRef + "/records").header(HttpHeaders.AUTHORIZATION,
                        TestCallers.partner("partner-self", Purposes.FINANCING)).header(AccessPolicy.CONSENT_HEADER, consent).exchange()
                .expectStatus().isOk();

        String desk = TestCallers.desk(Purposes.SELF_INQUIRY);
        for (int n = 1; n <= 3; n++) {
            http.get().uri("/api/v1/persons/" + personRef + "/report").header(HttpHeaders.AUTHORIZATION, desk).exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.reportNumber").isEqualTo(n)
                    .jsonPath("$.chargeable").isEqualTo(n > 2)
                    .jsonPath("$.records[0].statement").isEqualTo("罚款已于当日缴清")
                    .jsonPath("$.person.masked").isEqualTo(true);
        }
        // neither a partner nor the desk without SELF_INQUIRY gets the report
        http.get().uri("/api/v1/persons/" + personRef + "/report").header(HttpHeaders.AUTHORIZATION,
                        TestCallers.partner("partner-self", Purposes.SELF_INQUIRY)).header(AccessPolicy.CONSENT_HEADER, consent).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/purpose-not-allowed");
        http.get().uri("/api/v1/persons/" + personRef + "/report").header(HttpHeaders.AUTHORIZATION, TestCallers.desk(Purposes.HIRING))
                .exchange().expectStatus().isForbidden();

        http.get().uri("/api/v1/persons/" + personRef + "/access-log").header(HttpHeaders.AUTHORIZATION, desk).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[0].data").isEqualTo("access-log")
                .jsonPath("$[?(@.client=='partner-self' && @.outcome=='GRANTED')].consentReference").isEqualTo(consent)
                .jsonPath("$[?(@.client=='partner-self' && @.outcome=='GRANTED')].purpose").isEqualTo("FINANCING")
                .jsonPath("$[?(@.client=='partner-self' && @.outcome=='DENIED')].reason").isEqualTo("purpose-not-allowed")
                // the registration of the consent is in the person's log too
                .jsonPath("$[?(@.data=='consent-registration')].client").isEqualTo("office-consents")
                .jsonPath("$[?(@.data=='consent-registration')].consentReference").isEqualTo(consent)
                .jsonPath("$[?(@.data=='report' && @.outcome=='GRANTED')]").value(v ->
                        org.assertj.core.api.Assertions.assertThat((java.util.List<?>) v).hasSize(3));
    }
}
