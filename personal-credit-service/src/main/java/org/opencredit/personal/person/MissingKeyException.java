package org.opencredit.personal.person;

/** A key for identity numbers is missing or unusable; the service refuses to start. */
public class MissingKeyException extends IllegalStateException {

    private final String variable;

    MissingKeyException(String variable, String message) {
        super(message);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
