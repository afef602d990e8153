package org.opencredit.gateway.security;

import java.util.Objects;
import java.util.Set;

import org.opencredit.contracts.security.ClientKind;
import org.opencredit.gateway.client.ApiClient;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who is calling, as established from the API key.
 *
 * @param clientId   the API client's id
 * @param kind       the client kind
 * @param scopes     what the client may do
 * @param department the department code of a DEPARTMENT client, otherwise {@code null}
 * @param keyPrefix  the public prefix of the key used
 * @param revision   the client's revision (a change of scopes makes earlier minted tokens unused)
 * @param limits     the client's request limits
 */
public record CallerIdentity(String clientId, ClientKind kind, Set<String> scopes, String department, String keyPrefix,
                             long revision, ApiClient.Limits limits, String region) {

    public static final String ATTRIBUTE = CallerIdentity.class.getName();

    /** A caller without a recorded local government. */
    public CallerIdentity(String clientId, ClientKind kind, Set<String> scopes, String department, String keyPrefix, long revision,
                          ApiClient.Limits limits) {
        this(clientId, kind, scopes, department, keyPrefix, revision, limits, null);
    }

    public CallerIdentity {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(kind, "kind");
        scopes = Set.copyOf(scopes);
    }

    public static CallerIdentity of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }
}
