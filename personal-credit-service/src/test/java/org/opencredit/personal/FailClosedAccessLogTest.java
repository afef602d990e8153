package org.opencredit.personal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.contracts.security.Purposes;
import org.opencredit.testkit.CreditInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * If the access log cannot be written, no personal data leaves the service. The store is made to
 * refuse the second entry for a person (a unique index on personRef, in a database of this test's
 * own so no other test sees it): the read that needed that entry fails with 503 and no data.
 */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.mongodb.database=personal_fail_closed")
@AutoConfigureWebTestClient(timeout = "30s")
class FailClosedAccessLogTest {

    @Autowired
    WebTestClient http;
    @Autowired
    ReactiveMongoTemplate mongo;
    @Autowired
    MeterRegistry registry;

    @Test
    void aReadWhoseLogEntryCannotBeWrittenReturnsNoData() {
        String number = TestCallers.newIdentityNumber();
        String ref = http.post().uri("/api/v1/persons").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.department("TRANSPORT", null))
                .bodyValue(Map.of("identityNumber", number, "name", "吴某")).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("personRef").toString();
        mongo.indexOps("access_log").createIndex(new Index().on("personRef", Sort.Direction.ASC).unique()).block();

        String token = TestCallers.desk(Purposes.SUPERVISION);
        http.get().uri("/api/v1/persons/" + ref + "?reveal=true").header(HttpHeaders.AUTHORIZATION, token).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.identityNumber").isEqualTo(number);

        double failuresBefore = registry.counter("opencredit.persons.access.log.failures").count();
        String body = http.get().uri("/api/v1/persons/" + ref + "?reveal=true").header(HttpHeaders.AUTHORIZATION, token).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).contains("https://opencredit.org/problems/access-log-unavailable").doesNotContain(number)
                .doesNotContain(number.substring(0, 6)).doesNotContain("吴");
        // a refusal that cannot be logged is not answered as a plain refusal either
        http.get().uri("/api/v1/persons/" + ref).header(HttpHeaders.AUTHORIZATION, TestCallers.desk(null)).exchange()
                .expectStatus().isEqualTo(503);
        assertThat(registry.counter("opencredit.persons.access.log.failures").count()).isEqualTo(failuresBefore + 2);
    }
}
