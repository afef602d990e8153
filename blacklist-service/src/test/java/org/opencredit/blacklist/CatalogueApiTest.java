package org.opencredit.blacklist;

import static org.opencredit.blacklist.BlacklistHttp.PARTNER;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.contracts.security.Scopes;
import org.opencredit.testkit.CreditInfrastructure;
import org.opencredit.testkit.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;

@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MutableClock.Config.class)
@AutoConfigureWebTestClient(timeout = "30s")
class CatalogueApiTest {

    @Autowired
    WebTestClient web;
    @Autowired
    MutableClock clock;
    BlacklistHttp http;

    @BeforeEach
    void setUp() {
        http = new BlacklistHttp(web, clock);
    }

    @Test
    void listTypesAndMeasuresAreReadableWithTheirVersion() {
        http.get(PARTNER, "/api/v1/lists/types").expectStatus().isOk().expectBody()
                .jsonPath("$.version").isEqualTo("2024.1-p1")
                .jsonPath("$.listTypes.length()").isEqualTo(6)
                .jsonPath("$.listTypes[1].code").isEqualTo("JUDGMENT_DEFAULTER")
                .jsonPath("$.listTypes[1].period.months").isEqualTo(24)
                .jsonPath("$.listTypes[1].period.extension.maxYears").isEqualTo(3);
        http.get(PARTNER, "/api/v1/lists/types/MAJOR_TAX_VIOLATION").expectStatus().isOk().expectBody()
                .jsonPath("$.issuingAuthority").isEqualTo("TAX");
        http.get(PARTNER, "/api/v1/measures?scenario=AIR_TRAVEL").expectStatus().isOk().expectBody()
                .jsonPath("$.measures.length()").isEqualTo(1)
                .jsonPath("$.measures[0].code").isEqualTo("NO_FLIGHTS")
                .jsonPath("$.scenarios.length()").isEqualTo(14);
        http.get(PARTNER, "/api/v1/measures?listType=RED_LIST").expectStatus().isOk().expectBody()
                .jsonPath("$.measures[*].effect").value(v -> org.assertj.core.api.Assertions.assertThat((java.util.List<Object>) v)
                        .containsOnly("INCENTIVE"));
        http.get(PARTNER, "/api/v1/measures/PROCUREMENT_BAN").expectStatus().isOk().expectBody()
                .jsonPath("$.level").isEqualTo("ADMINISTRATIVE");
        http.get(PARTNER, "/api/v1/measures/NOPE").expectStatus().isNotFound();
        http.get(PARTNER, "/api/v1/lists/types/NOPE").expectStatus().isNotFound();
        http.get(PARTNER, "/api/v1/measures?scenario=NOPE").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.type").isEqualTo("https://opencredit.org/problems/unknown-scenario");
        http.get(TestTokens.partner(Scopes.CREDIT_CHECKS), "/api/v1/measures").expectStatus().isForbidden();
    }
}
