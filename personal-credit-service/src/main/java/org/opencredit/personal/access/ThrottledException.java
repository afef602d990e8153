package org.opencredit.personal.access;

import org.opencredit.chassis.problem.ProblemException;
import org.springframework.http.HttpStatus;

/** 429 for a partner suspected of enumeration; answered with {@code Retry-After}. */
final class ThrottledException extends ProblemException {

    private final long retryAfterSeconds;

    ThrottledException(long retryAfterSeconds) {
        super(HttpStatus.TOO_MANY_REQUESTS, "enumeration-suspected", "Too many persons",
                "this API client asked for too many different persons or was refused too often in a short time; reads of personal "
                        + "data are paused for " + retryAfterSeconds + " s. Contact the credit office if this is legitimate");
        with("retryAfterSeconds", retryAfterSeconds);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
