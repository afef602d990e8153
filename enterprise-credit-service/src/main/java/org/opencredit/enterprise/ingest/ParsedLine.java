package org.opencredit.enterprise.ingest;

import java.util.List;

import org.opencredit.enterprise.record.FieldError;
import org.opencredit.enterprise.record.RecordSubmission;

/** One line of a bulk file: the submission it carries, or why it could not be read. */
record ParsedLine(long line, RecordSubmission submission, List<FieldError> errors) {
    static ParsedLine ok(long line, RecordSubmission submission) {
        return new ParsedLine(line, submission, List.of());
    }

    static ParsedLine unreadable(long line, String field, String reason) {
        return new ParsedLine(line, null, List.of(new FieldError(field, reason)));
    }
}
