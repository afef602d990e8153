package org.opencredit.personal.access;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One read of a person's data, or one refused attempt: who, when, which data, for what purpose,
 * under which consent, and the outcome. Written before any data is returned.
 *
 * @param personRef the person read, {@code null} when the identity number asked for is not registered
 * @param data      which data, e.g. {@code person}, {@code person+identityNumber}, {@code records}, {@code report}
 * @param outcome   GRANTED, DENIED or NOT_FOUND
 * @param reason    the problem slug of a denial, {@code null} otherwise
 */
@Document(AccessLog.COLLECTION)
public record AccessLogEntry(@Id String id, String personRef, Instant at, String client, String clientKind, String department,
                             String purpose, String consentReference, String data, String outcome, String reason) {
    public static final String GRANTED = "GRANTED";
    public static final String DENIED = "DENIED";
    public static final String NOT_FOUND = "NOT_FOUND";
}
