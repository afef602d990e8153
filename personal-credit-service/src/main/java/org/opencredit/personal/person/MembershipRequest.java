package org.opencredit.personal.person;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

/** A key-group membership a department records; the department is the caller's. */
public record MembershipRequest(
        @NotBlank(message = "is required: a key-group code from GET /api/v1/key-groups") String group,
        @NotBlank(message = "is required: the licence or certificate number the department issued")
        @Size(max = 64, message = "must be at most 64 characters") String licenceNumber,
        @NotNull(message = "is required (yyyy-MM-dd)") @PastOrPresent(message = "must not be in the future") LocalDate since) {
}
