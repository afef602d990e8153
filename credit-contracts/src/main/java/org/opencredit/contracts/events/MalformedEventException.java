package org.opencredit.contracts.events;

/** A record on a topic that is not a valid OpenCredit event; never retried, dead-lettered. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }
}
