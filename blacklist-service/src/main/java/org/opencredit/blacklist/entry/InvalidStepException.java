package org.opencredit.blacklist.entry;

/** A step whose own input is wrong, whatever the state (answered 400). */
public class InvalidStepException extends RuntimeException {

    private final String field;

    public InvalidStepException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
