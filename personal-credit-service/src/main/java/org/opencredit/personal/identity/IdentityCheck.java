package org.opencredit.personal.identity;

import java.time.LocalDate;

/** What a valid identity number says; the number itself only masked. */
public record IdentityCheck(boolean valid, String masked, String regionCode, LocalDate birthDate, String sex) {
}
