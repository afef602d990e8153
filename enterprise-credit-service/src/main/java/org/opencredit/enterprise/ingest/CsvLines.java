package org.opencredit.enterprise.ingest;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** CSV with a header line (CRLF or LF, quoted fields allowed), read one record at a time. */
final class CsvLines implements LineSource {

    private final CSVParser parser;
    private final Iterator<CSVRecord> rows;
    final CsvColumns columns;

    CsvLines(Reader reader, String category, String severity) {
        try {
            parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                    .setAllowMissingColumnNames(true).setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.ALLOW_ALL)
                    .get().parse(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        columns = CsvColumns.of(parser.getHeaderNames(), category, severity);
        rows = parser.iterator();
    }

    @Override
    public boolean hasNext() {
        try {
            return rows.hasNext();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof org.apache.commons.csv.CSVException malformed) {
                // a malformed quote makes the parser give up on the rest of the file
                throw new MalformedFileException("the CSV cannot be read after line " + parser.getCurrentLineNumber() + ": "
                        + malformed.getMessage());
            }
            throw e;
        }
    }

    @Override
    public ParsedLine next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CSVRecord row = rows.next();
        // line numbers as an editor shows them: the header is line 1 (exact unless a quoted field spans lines)
        return columns.read(row.getRecordNumber() + 1, row);
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException ignored) {
            // the request body is gone either way
        }
    }

    /** The rest of the file cannot be parsed; what was read before stays valid. */
    static final class MalformedFileException extends RuntimeException {
        MalformedFileException(String message) {
            super(message);
        }
    }
}
