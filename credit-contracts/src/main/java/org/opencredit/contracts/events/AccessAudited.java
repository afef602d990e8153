package org.opencredit.contracts.events;

import java.time.Instant;

/**
 * One request that passed through the gateway. Type {@link EventTypes#ACCESS_AUDITED_V1}, topic
 * {@link Topics#ACCESS_AUDIT}, key = client id. Carries no personal identifier in clear: an
 * identity number in a path is replaced by a keyed pseudonym ({@code person:<hex>}).
 *
 * @param correlationId the request's correlation id (also in the service logs)
 * @param client        the API client id, {@code null} when the request was not authenticated
 * @param keyPrefix     the public prefix of the key used, when one was recognised
 * @param route         the gateway route id, {@code admin} for client administration, {@code none} when nothing matched
 * @param method        HTTP method
 * @param path          the request path with identity numbers pseudonymised
 * @param subject       the credit subject the path names (USCC in clear, persons pseudonymised), or {@code null}
 * @param purpose       the purpose the caller declared, or {@code null}
 * @param status        the HTTP status answered
 * @param latencyMillis time from receiving the request to completing the response
 */
public record AccessAudited(String correlationId, Instant time, String client, String keyPrefix, String route, String method,
                            String path, String subject, String purpose, int status, long latencyMillis) {
    public static final String TYPE = EventTypes.ACCESS_AUDITED_V1;
}
