package org.opencredit.personal.person;

import java.time.Instant;
import java.time.LocalDate;

/** A person's membership of a key group, as the issuing department recorded it. */
public record Membership(String group, int batch, String department, String licenceNumber, LocalDate since, Instant recordedAt) {
}
