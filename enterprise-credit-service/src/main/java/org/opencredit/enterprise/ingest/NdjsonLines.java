package org.opencredit.enterprise.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;

import org.opencredit.enterprise.record.RecordSubmission;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.ObjectReader;

/** Newline-delimited JSON: one {@link RecordSubmission} per line; blank lines are skipped. */
final class NdjsonLines implements LineSource {

    private final BufferedReader reader;
    private final ObjectReader json;
    private long lineNumber;
    private String next;

    NdjsonLines(BufferedReader reader, ObjectReader json) {
        this.reader = reader;
        this.json = json.forType(RecordSubmission.class);
    }

    @Override
    public boolean hasNext() {
        try {
            while (next == null) {
                String line = reader.readLine();
                if (line == null) {
                    return false;
                }
                lineNumber++;
                if (!line.isBlank()) {
                    next = line;
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ParsedLine next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String line = next;
        next = null;
        try {
            return ParsedLine.ok(lineNumber, json.readValue(line));
        } catch (DatabindException e) {
            String field = e.getPath().isEmpty() ? "line" : e.getPath().stream()
                    .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> a + "." + b).orElse("line");
            return ParsedLine.unreadable(lineNumber, field, e.getOriginalMessage());
        } catch (JacksonException e) {
            return ParsedLine.unreadable(lineNumber, "line", "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException ignored) {
            // the request body is gone either way
        }
    }
}
