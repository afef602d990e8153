package org.opencredit.personal.record;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Small request bodies of the record endpoints. */
final class Requests {

    private Requests() {
    }

    record Withdrawal(@NotBlank(message = "is required: say why the record is withdrawn")
                      @Size(max = 500, message = "must be at most 500 characters") String reason) {
    }

    record ObjectionRequest(@NotBlank(message = "is required: what the person disputes and why")
                            @Size(max = 2000, message = "must be at most 2000 characters") String grounds) {
    }

    record Resolution(@NotBlank(message = "is required: ACCEPTED or REJECTED")
                      @Pattern(regexp = "ACCEPTED|REJECTED", message = "must be ACCEPTED or REJECTED") String outcome,
                      @NotBlank(message = "is required: the written answer to the person")
                      @Size(max = 2000, message = "must be at most 2000 characters") String answer,
                      Boolean withdraw) {
    }

    record Statement(@NotBlank(message = "is required: the person's statement")
                     @Size(max = 500, message = "must be at most 500 characters") String statement) {
    }
}
