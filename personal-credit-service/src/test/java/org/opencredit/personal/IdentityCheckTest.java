package org.opencredit.personal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.contracts.security.ClientKind;
import org.opencredit.contracts.security.Scopes;
import org.opencredit.testkit.CreditInfrastructure;
import org.opencredit.testkit.TestTokens;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdentityCheckTest {

    @LocalServerPort
    int port;

    /** Every log event while a test runs (web logging is at DEBUG in tests): identity numbers must never appear. */
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    record Answer(int status, String contentType, JsonNode body) {
    }

    @BeforeEach
    void captureLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void stopCapturing() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    private String logged() {
        List<ILoggingEvent> copy;
        // server threads keep logging while we read: AppenderBase appends under the appender's lock
        synchronized (logs) {
            copy = new ArrayList<>(logs.list);
        }
        return copy.stream()
                .map(e -> e.getFormattedMessage() + " " + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage()))
                .reduce("", String::concat);
    }

    /** Sent with the JDK client, which logs nothing, so only the service's own logs are captured. */
    private Answer check(String number) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/persons/identity-checks"))
                .header("Content-Type", "application/json")
                // a department system checking a number before it submits records
                .header("Authorization", TestTokens.client("dept-human-resources", ClientKind.DEPARTMENT, "HUMAN_RESOURCES", null,
                        Scopes.PERSONS_READ))
                .POST(HttpRequest.BodyPublishers.ofString("{\"identityNumber\":\"" + number + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                JsonMapper.builder().build().readTree(response.body()));
    }

    @Test
    void aValidNumberIsAnsweredMaskedWithWhatItEncodes() throws Exception {
        Answer a = check("11010519491231002x");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().get("valid").asBoolean()).isTrue();
        assertThat(a.body().get("masked").asString()).isEqualTo("110105********002X");
        assertThat(a.body().get("birthDate").asString()).isEqualTo("1949-12-31");
        assertThat(a.body().get("sex").asString()).isEqualTo("FEMALE");
        assertThat(a.body().has("identityNumber")).isFalse();
        assertThat(logs.list).isNotEmpty();
        assertThat(logged()).doesNotContain("11010519491231002");
    }

    @Test
    void aWrongCheckCharacterIsABadRequestThatDoesNotEchoTheNumber() throws Exception {
        Answer a = check("110105194912310021");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.body().get("fault").asString()).isEqualTo("CHECK_CHARACTER");
        assertThat(a.body().get("detail").asString()).contains("require 'X'").doesNotContain("1949");
        assertThat(logged()).doesNotContain("110105194912310021");
    }

    @Test
    void anImpossibleBirthDateAndAMissingNumberAreNamed() throws Exception {
        assertThat(check("110105194902300020").body().get("fault").asString()).isEqualTo("BIRTH_DATE");
        Answer missing = check("");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().get("errors").get(0).get("field").asString()).isEqualTo("identityNumber");
    }
}
