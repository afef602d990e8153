package org.opencredit.enterprise;

import static org.opencredit.testkit.TestCodes.uscc;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.contracts.events.CloudEventHeaders;
import org.opencredit.contracts.events.EventTypes;
import org.opencredit.contracts.events.Topics;
import org.opencredit.testkit.CreditInfrastructure;
import org.opencredit.testkit.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class SubjectRegistryTest {

    @Autowired
    WebTestClient http;


    WebTestClient.ResponseSpec register(String json) {
        return http.post().uri("/api/v1/enterprises").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.registrar()).bodyValue(json).exchange();
    }

    @Test
    void aSubjectKeepsRegistryFieldsAndItsFormerNamesAndIsFoundByLegacyKeys() {
        String code = uscc("91350200MA2YR0001");
        register("{\"uscc\":\"" + code + "\",\"name\":\"厦门海湾贸易有限公司\",\"registrationNumber\":\"350200100012345\","
                + "\"registeredCapital\":5000000,\"industryCode\":\"F5191\",\"registeredAddress\":\"福建省厦门市思明区湖滨北路1号\","
                + "\"regionCode\":\"350203\",\"establishedOn\":\"2012-03-01\"}")
                .expectStatus().isCreated().expectBody()
                .jsonPath("$.regionCode").isEqualTo("350203")
                .jsonPath("$.status").isEqualTo("ACTIVE")
                .jsonPath("$.industryCode").isEqualTo("F5191");

        http.patch().uri("/api/v1/enterprises/" + code).contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.AUTHORIZATION, TestCallers.registrar())
                .bodyValue("{\"name\":\"厦门海湾国际贸易有限公司\",\"status\":\"REVOKED\"}").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo("厦门海湾国际贸易有限公司")
                .jsonPath("$.formerNames[0]").isEqualTo("厦门海湾贸易有限公司")
                .jsonPath("$.status").isEqualTo("REVOKED")
                .jsonPath("$.registeredCapital").isEqualTo(5000000);

        String organisationCode = code.substring(8, 16) + "-" + code.charAt(16);
        http.get().uri("/api/v1/enterprises/lookup?key=" + organisationCode).header(HttpHeaders.AUTHORIZATION, TestCallers.reader()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[0].uscc").isEqualTo(code);
        http.get().uri("/api/v1/enterprises/lookup?key=350200100012345").header(HttpHeaders.AUTHORIZATION, TestCallers.reader()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[0].uscc").isEqualTo(code);
        http.get().uri("/api/v1/enterprises/lookup?key=12345").header(HttpHeaders.AUTHORIZATION, TestCallers.reader()).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/unknown-key");

        http.get().uri(b -> b.path("/api/v1/enterprises").queryParam("name", "海湾贸易").build()).header(HttpHeaders.AUTHORIZATION, TestCallers.reader()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.uscc=='" + code + "')]").exists();
        http.get().uri(b -> b.path("/api/v1/enterprises").queryParam("name", "厦门海湾国际").queryParam("match", "prefix").build())
                .header(HttpHeaders.AUTHORIZATION, TestCallers.reader()).exchange().expectBody().jsonPath("$[?(@.uscc=='" + code + "')]").exists();
        http.get().uri(b -> b.path("/api/v1/enterprises").queryParam("name", "海湾国际").queryParam("match", "prefix").build())
                .header(HttpHeaders.AUTHORIZATION, TestCallers.reader()).exchange().expectBody().jsonPath("$[?(@.uscc=='" + code + "')]").doesNotExist();
        http.get().uri(b -> b.path("/api/v1/enterprises").queryParam("name", "厦门海湾贸易有限公司").queryParam("match", "full").build())
                .header(HttpHeaders.AUTHORIZATION, TestCallers.reader()).exchange().expectBody().jsonPath("$[?(@.uscc=='" + code + "')]").exists();

        var events = TopicReader.readUntil(CreditInfrastructure.get().bootstrapServers(), Topics.SUBJECT,
                r -> r.stream().filter(x -> code.equals(x.key())).count() >= 2, Duration.ofSeconds(20));
        assertThat(events).filteredOn(x -> code.equals(x.key())).extracting(x -> TopicReader.header(x, CloudEventHeaders.TYPE))
                .containsExactly(EventTypes.SUBJECT_REGISTERED_V1, EventTypes.SUBJECT_UPDATED_V1);
    }

    @Test
    void searchIsPaginatedAndSortedAndBadFieldsAreNamed() {
        for (int i = 1; i <= 3; i++) {
            register("{\"uscc\":\"" + uscc("91350300MA2YT000" + i) + "\",\"name\":\"莆田分页测试" + (4 - i) + "号有限公司\"}")
                    .expectStatus().isCreated();
        }
        http.get().uri(b -> b.path("/api/v1/enterprises").queryParam("name", "莆田分页测试").queryParam("sort", "name")
                        .queryParam("size", "2").build()).header(HttpHeaders.AUTHORIZATION, TestCallers.reader()).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(2)
                .jsonPath("$[0].name").isEqualTo("莆田分页测试1号有限公司")
                .jsonPath("$[1].name").isEqualTo("莆田分页测试2号有限公司");
        http.get().uri(b -> b.path("/api/v1/enterprises").queryParam("name", "莆田分页测试").queryParam("sort", "name")
                        .queryParam("size", "2").queryParam("page", "1").build()).header(HttpHeaders.AUTHORIZATION, TestCallers.reader()).exchange().expectBody()
                .jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].name").isEqualTo("莆田分页测试3号有限公司");
        http.get().uri("/api/v1/enterprises?match=fuzzy").header(HttpHeaders.AUTHORIZATION, TestCallers.reader()).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("match");
        register("{\"uscc\":\"" + uscc("91350300MA2YT0009") + "\",\"name\":\"x\",\"industryCode\":\"Z99\",\"registrationNumber\":\"12\"}")
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[?(@.field=='industryCode')]").exists()
                .jsonPath("$.errors[?(@.field=='registrationNumber')]").exists();
        register("{\"uscc\":\"" + uscc("91350300MA2YT0009") + "\",\"name\":\"x\",\"nickname\":\"y\"}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("nickname"));
    }
}
