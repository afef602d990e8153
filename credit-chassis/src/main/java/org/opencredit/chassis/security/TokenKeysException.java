package org.opencredit.chassis.security;

/** The service was given no usable token verification keys: it must not start. */
public final class TokenKeysException extends IllegalStateException {

    TokenKeysException(String message) {
        super(message);
    }

    TokenKeysException(String message, Throwable cause) {
        super(message, cause);
    }
}
