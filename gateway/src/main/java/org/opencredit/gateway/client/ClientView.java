package org.opencredit.gateway.client;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.opencredit.contracts.security.ClientKind;

/** An API client as the admin API shows it: key prefixes and states, never hashes. */
public record ClientView(String id, String name, ClientKind kind, String department, Set<String> scopes,
                         ApiClient.Limits limits, ApiClient.Status status, List<KeyView> keys, Instant createdAt,
                         String createdBy, Instant updatedAt, long revision, String region) {

    /** @param state ACTIVE, RETIRING (valid until retiresAt), ROTATED, EXPIRED or REVOKED */
    public record KeyView(String prefix, String state, Instant createdAt, Instant expiresAt, Instant retiresAt, Instant revokedAt) {
    }

    static ClientView of(ApiClient c, Instant now) {
        return new ClientView(c.id(), c.name(), c.kind(), c.department(), new TreeSet<>(c.scopes()), c.limits(), c.status(),
                c.keys().stream().map(k -> new KeyView("ock_" + k.prefix(), state(k, now), k.createdAt(), k.expiresAt(),
                        k.retiresAt(), k.revokedAt())).toList(),
                c.createdAt(), c.createdBy(), c.updatedAt(), c.revision(), c.region());
    }

    private static String state(ApiClient.Key k, Instant now) {
        String rejection = k.rejection(now);
        if (rejection == null) {
            return k.retiresAt() == null ? "ACTIVE" : "RETIRING";
        }
        return rejection.toUpperCase();
    }
}
