package org.opencredit.blacklist;

import java.time.Duration;
import java.util.Map;

import org.opencredit.contracts.security.Scopes;
import org.opencredit.testkit.TestTokens;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Requests of the actors of due process, and a helper that takes an entry to LISTED. */
final class BlacklistHttp {

    static final String COURT = TestTokens.department("COURT", Scopes.LISTS_READ, Scopes.LISTS_WRITE);
    static final String TAX = TestTokens.department("TAX", Scopes.LISTS_READ, Scopes.LISTS_WRITE);
    static final String MARKET = TestTokens.department("MARKET_SUPERVISION", Scopes.LISTS_READ, Scopes.LISTS_WRITE);
    static final String OFFICE = TestTokens.office(Scopes.LISTS_READ, Scopes.LISTS_WRITE, Scopes.CREDIT_CHECKS);
    static final String PARTNER = TestTokens.partner(Scopes.LISTS_READ, Scopes.CREDIT_CHECKS);
    static final String CHECKER = TestTokens.department("FINANCE", Scopes.CREDIT_CHECKS);

    private final WebTestClient http;
    private final MutableClock clock;

    BlacklistHttp(WebTestClient http, MutableClock clock) {
        this.http = http;
        this.clock = clock;
    }

    WebTestClient.ResponseSpec propose(String token, String body) {
        return http.post().uri("/api/v1/list-entries").header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec step(String token, String entryId, String action, String reason, String extra) {
        return http.post().uri("/api/v1/list-entries/" + entryId + "/steps").header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"action\":\"" + action + "\",\"reason\":\"" + reason + "\"" + (extra == null ? "" : "," + extra) + "}")
                .exchange();
    }

    WebTestClient.ResponseSpec get(String token, String uri) {
        return http.get().uri(uri).header(HttpHeaders.AUTHORIZATION, token).exchange();
    }

    WebTestClient.ResponseSpec check(String token, String body) {
        return http.post().uri("/api/v1/credit-checks").header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    static String subjectField(String uscc) {
        return "\"uscc\":\"" + uscc + "\"";
    }

    /** Proposes with {@code token}, notifies, lets the objection window pass, lists; returns the entry id. */
    String listed(String token, String listType, String subjectFields, String decisionNumber, String extra) {
        String id = proposed(token, listType, subjectFields, decisionNumber, extra);
        step(token, id, "NOTIFY", "告知书已送达", null).expectStatus().isOk();
        clock.advance(Duration.ofDays(16));
        step(token, id, "LIST", "异议期满无异议", null).expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("LISTED");
        return id;
    }

    String proposed(String token, String listType, String subjectFields, String decisionNumber, String extra) {
        Map<?, ?> body = propose(token, "{\"listType\":\"" + listType + "\"," + subjectFields + ",\"subjectName\":\"测试主体\","
                + "\"facts\":\"有履行能力而拒不履行生效法律文书确定的义务\",\"decisionNumber\":\"" + decisionNumber + "\""
                + (extra == null ? "" : "," + extra) + "}")
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) body.get("id");
    }
}
