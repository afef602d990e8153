package org.opencredit.personal.identity;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;

/** A resident identity number to check; sent in a body, never in a URL, so it stays out of access logs. */
public record IdentityCheckRequest(
        @Schema(description = "18-character resident identity number", example = "11010519491231002X")
        @NotBlank(message = "is required: give the 18-character resident identity number") String identityNumber) {

    /** Masked: frameworks log decoded bodies at debug level, and the number must never reach a log. */
    @Override
    public String toString() {
        String n = identityNumber == null ? "" : identityNumber.strip();
        String masked = n.length() >= 10 ? n.substring(0, 6) + "********" + n.substring(n.length() - 4) : "********";
        return "IdentityCheckRequest[identityNumber=" + masked + "]";
    }
}
