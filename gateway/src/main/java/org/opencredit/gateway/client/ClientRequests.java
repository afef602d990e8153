package org.opencredit.gateway.client;

import java.time.Instant;
import java.util.List;

import org.opencredit.contracts.security.ClientKind;

import io.swagger.v3.oas.annotations.media.Schema;

/** Request bodies of the client administration API. */
public final class ClientRequests {

    @Schema(description = "A new API client; the answer carries its first key, shown only this once")
    public record Create(
            @Schema(description = "client id (3-63 of a-z, 0-9, '-'); generated when left out", example = "fj-amr-license-system") String id,
            @Schema(description = "the organisation or system", example = "Fujian AMR licensing system") String name,
            ClientKind kind,
            @Schema(description = "department code, DEPARTMENT clients only", example = "MARKET_SUPERVISION") String department,
            @Schema(example = "[\"enterprises:read\", \"records:write\"]") List<String> scopes,
            LimitsRequest limits,
            @Schema(description = "when the first key stops working; none = until rotated or revoked") Instant keyExpiresAt,
            @Schema(description = "GB/T 2260 code of the local government the client belongs to (optional; the regional report "
                    + "counts the local governments using the platform)", example = "330106") String region) {
    }

    public record Rotate(
            @Schema(description = "how long the client's current keys keep working, seconds (default 86400, 0 = stop now)") Long gracePeriodSeconds,
            @Schema(description = "when the new key stops working; none = until rotated or revoked") Instant keyExpiresAt) {
    }

    public record Update(String name, List<String> scopes, LimitsRequest limits,
                         @Schema(description = "GB/T 2260 code of the client's local government", example = "330106") String region) {
    }

    @Schema(description = "request limits; defaults depend on the client kind")
    public record LimitsRequest(
            @Schema(description = "sustained requests per second", example = "50") Double perSecond,
            @Schema(description = "requests allowed at once after a quiet period", example = "100") Integer burst,
            @Schema(description = "requests per calendar day (Asia/Shanghai)", example = "2000000") Long daily) {
    }

    private ClientRequests() {
    }
}
