package org.opencredit.personal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Registers consents through the real endpoint, as the credit office does, for tests where a partner reads. */
public final class Consents {

    private Consents() {
    }

    /** A consent current today for {@code client} and {@code purposes}; returns its (fresh) reference. */
    public static String register(WebTestClient http, String identityNumber, String client, String... purposes) {
        String reference = "WA-" + UUID.randomUUID().toString().substring(0, 18);
        http.post().uri("/api/v1/persons/consents").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.consentOffice())
                .bodyValue(Map.of("reference", reference, "identityNumber", identityNumber, "name", "授权人", "client", client,
                        "purposes", List.of(purposes), "validFrom", LocalDate.now().minusDays(1).toString(),
                        "validUntil", LocalDate.now().plusDays(30).toString()))
                .exchange().expectStatus().isCreated();
        return reference;
    }
}
