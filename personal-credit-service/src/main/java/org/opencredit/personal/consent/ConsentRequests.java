package org.opencredit.personal.consent;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Bodies of the consent register's endpoints. */
final class ConsentRequests {

    private ConsentRequests() {
    }

    /**
     * A person's written authorisation as the credit office registers it; the person is named by identity
     * number (and name, to register the person if no department has yet). Number and name are masked in
     * {@link #toString()} so they never reach a log.
     */
    record Register(
            @NotBlank(message = "is required: the id of the person's written authorisation, which the partner sends as X-Consent-Reference")
            String reference,
            @NotBlank(message = "is required: give the 18-character resident identity number") String identityNumber,
            @NotBlank(message = "is required: the person's name as on the authorisation") @Size(max = 64, message = "must be at most 64 characters")
            String name,
            @NotBlank(message = "is required: the partner API client the person authorises") @Size(max = 64, message = "must be at most 64 characters")
            String client,
            @NotEmpty(message = "is required: the purposes the person authorises, e.g. [\"FINANCING\"]") List<@NotBlank String> purposes,
            @NotNull(message = "is required (yyyy-MM-dd): the first day the consent is valid") LocalDate validFrom,
            @NotNull(message = "is required (yyyy-MM-dd): the last day the consent is valid") LocalDate validUntil) {

        @Override
        public String toString() {
            return "ConsentRequests.Register[reference=" + reference + ", identityNumber=***, name=***, client=" + client + ", purposes="
                    + purposes + ", validFrom=" + validFrom + ", validUntil=" + validUntil + "]";
        }
    }

    /** Why the consent is revoked (e.g. the person withdrew it in writing). */
    record Revoke(@NotBlank(message = "is required: say why the consent is revoked") @Size(max = 500, message = "must be at most 500 characters")
                  String reason) {
    }
}
