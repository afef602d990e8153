package org.opencredit.blacklist.entry;

/**
 * The legal representative of a listed organisation at the time of the proposal, for the measures
 * that bind them too. The identity number itself is never stored: only its keyed pseudonym and
 * the masked form.
 */
public record LegalRepresentative(String name, String subject, String maskedIdentityNumber) {
}
