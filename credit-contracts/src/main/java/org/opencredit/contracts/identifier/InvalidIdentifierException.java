package org.opencredit.contracts.identifier;

/**
 * An identifier failed validation. {@link #getMessage()} tells the caller what to fix and never
 * repeats a personal identifier in full.
 */
public class InvalidIdentifierException extends IllegalArgumentException {

    /** Which rule failed; stable, for problem+json and tests. */
    public enum Fault { MISSING, LENGTH, CHARACTER, STRUCTURE, BIRTH_DATE, CHECK_CHARACTER }

    private final String identifierKind;
    private final Fault fault;

    public InvalidIdentifierException(String identifierKind, Fault fault, String message) {
        super(message);
        this.identifierKind = identifierKind;
        this.fault = fault;
    }

    /** "uscc" or "identityNumber". */
    public String identifierKind() {
        return identifierKind;
    }

    public Fault fault() {
        return fault;
    }
}
