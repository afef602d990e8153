package org.opencredit.gateway.security;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, as established by an {@link ApiClientAuthenticator}.
 *
 * @param clientId   the API client's id
 * @param kind       the client kind (DEPARTMENT, PARTNER, OFFICE, OPS; LOCAL for the open local placeholder)
 * @param scopes     what the client may do
 * @param department the department code of a DEPARTMENT client, otherwise {@code null}
 */
public record CallerIdentity(String clientId, String kind, Set<String> scopes, String department) {

    public CallerIdentity {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(kind, "kind");
        scopes = Set.copyOf(scopes);
    }
}
