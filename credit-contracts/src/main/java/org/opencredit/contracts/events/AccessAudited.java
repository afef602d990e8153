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
 * @param clientKind    optional (added later, may be null): DEPARTMENT, PARTNER, OFFICE or OPS
 * @param clientRegion  optional: GB/T 2260 code of the local government the client belongs to, when its
 *                      administrator recorded one (the regional report counts local governments using the platform)
 */
public record AccessAudited(String correlationId, Instant time, String client, String keyPrefix, String route, String method,
                            String path, String subject, String purpose, int status, long latencyMillis,
                            String clientKind, String clientRegion) {
    public static final String TYPE = EventTypes.ACCESS_AUDITED_V1;

    /** The first shape of the event, without the optional client kind and region. */
    public AccessAudited(String correlationId, Instant time, String client, String keyPrefix, String route, String method,
                         String path, String subject, String purpose, int status, long latencyMillis) {
        this(correlationId, time, client, keyPrefix, route, method, path, subject, purpose, status, latencyMillis, null, null);
    }
}
