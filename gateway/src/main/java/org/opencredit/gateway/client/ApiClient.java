package org.opencredit.gateway.client;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.opencredit.contracts.security.ClientKind;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An API client as the gateway stores it in its own database. Keys are kept only as peppered
 * hashes; the key itself is shown once, when it is created.
 *
 * @param revision incremented on every change; gateway instances apply a change only when its
 *                 revision is newer than the one they hold
 * @param region   GB/T 2260 code of the local government the client belongs to (a county's market
 *                 supervision bureau, say); optional, used to count the local governments using the platform
 */
@Document(ApiClient.COLLECTION)
public record ApiClient(@Id String id, String name, ClientKind kind, String department, Set<String> scopes,
                        Limits limits, Status status, List<Key> keys, Instant createdAt, String createdBy,
                        Instant updatedAt, long revision, String region) {

    public static final String COLLECTION = "api_clients";

    public enum Status { ACTIVE, REVOKED }

    /**
     * @param perSecond sustained request rate
     * @param burst     requests allowed at once after a quiet period (bucket size)
     * @param daily     requests per calendar day (province time zone)
     */
    public record Limits(double perSecond, int burst, long daily) {
    }

    /**
     * @param prefix    public, unique part of the key, shown in listings and logs
     * @param hash      HMAC-SHA256 of the whole key with the gateway's pepper, Base64
     * @param expiresAt when the key stops working regardless of rotation; {@code null} = no expiry
     * @param retiresAt end of the grace period after a rotation replaced this key; {@code null} = current
     * @param revokedAt when the key was revoked; {@code null} = not revoked
     */
    public record Key(String prefix, String hash, Instant createdAt, Instant expiresAt, Instant retiresAt, Instant revokedAt) {

        /** Why this key is not accepted at {@code now}, or {@code null} when it is. */
        public String rejection(Instant now) {
            if (revokedAt != null) {
                return "revoked";
            }
            if (retiresAt != null && !now.isBefore(retiresAt)) {
                return "rotated";
            }
            if (expiresAt != null && !now.isBefore(expiresAt)) {
                return "expired";
            }
            return null;
        }
    }
}
