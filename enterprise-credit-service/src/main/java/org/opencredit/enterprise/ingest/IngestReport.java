package org.opencredit.enterprise.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What became of each line of a bulk submission. Counts are complete; the line lists keep the first
 * {@value #MAX_LISTED} entries each, so a report stays bounded whatever the file.
 */
public final class IngestReport {

    static final int MAX_LISTED = 10_000;

    /** A line that was not stored, and why. */
    public record Rejection(long line, String field, String reason) {
    }

    /** A line whose record the platform already had with the same content. */
    public record Duplicate(long line, String recordId) {
    }

    /** The report as callers see it. */
    public record View(String format, String encoding, boolean dryRun, long lines, long accepted, long late, long duplicates,
                       long rejected, boolean complete, Stop stop, String stoppedBecause, List<String> ignoredColumns,
                       List<Rejection> rejections, boolean rejectionsTruncated, List<Duplicate> duplicateLines,
                       Instant startedAt, Instant finishedAt) {
    }

    /** Why reading stopped before the end of the file. */
    public enum Stop { LINE_LIMIT, MALFORMED }

    final String format;
    final boolean dryRun;
    final Instant startedAt;
    String encoding;
    long lines;
    long accepted;
    long late;
    long duplicates;
    long rejected;
    String stoppedBecause;
    Stop stop;
    List<String> ignoredColumns = List.of();
    final List<Rejection> rejections = new ArrayList<>();
    final List<Duplicate> duplicateLines = new ArrayList<>();

    IngestReport(String format, boolean dryRun, Instant startedAt) {
        this.format = format;
        this.dryRun = dryRun;
        this.startedAt = startedAt;
    }

    void reject(long line, String field, String reason) {
        rejected++;
        if (rejections.size() < MAX_LISTED) {
            rejections.add(new Rejection(line, field, reason));
        }
    }

    /** A line with several faults counts once and lists each fault. */
    void reject(long line, List<org.opencredit.enterprise.record.FieldError> errors) {
        rejected++;
        for (var e : errors) {
            if (rejections.size() < MAX_LISTED) {
                rejections.add(new Rejection(line, e.field(), e.message()));
            }
        }
    }

    void duplicate(long line, String recordId) {
        duplicates++;
        if (duplicateLines.size() < MAX_LISTED) {
            duplicateLines.add(new Duplicate(line, recordId));
        }
    }

    View view(Instant finishedAt) {
        return new View(format, encoding, dryRun, lines, accepted, late, duplicates, rejected, stop == null, stop,
                stoppedBecause, ignoredColumns, List.copyOf(rejections), rejected > 0 && rejections.size() >= MAX_LISTED,
                List.copyOf(duplicateLines), startedAt, finishedAt);
    }
}
