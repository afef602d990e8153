package org.opencredit.enterprise.record;

/** One thing wrong with a submission: which field, and what to fix. */
public record FieldError(String field, String message) {
}
