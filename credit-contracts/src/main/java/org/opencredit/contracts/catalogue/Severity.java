package org.opencredit.contracts.catalogue;

/** Severity scale of dishonesty information; {@code NONE} for categories without one (licences, honours). */
public enum Severity { NONE, MINOR, GENERAL, SERIOUS }
