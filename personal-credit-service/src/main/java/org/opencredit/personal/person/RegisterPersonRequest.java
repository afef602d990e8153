package org.opencredit.personal.person;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Registers a person; the number and name are masked in {@link #toString()} so they never reach a log. */
public record RegisterPersonRequest(
        @NotBlank(message = "is required: give the 18-character resident identity number") String identityNumber,
        @NotBlank(message = "is required") @Size(max = 64, message = "must be at most 64 characters") String name) {

    @Override
    public String toString() {
        return "RegisterPersonRequest[identityNumber=***, name=***]";
    }
}
