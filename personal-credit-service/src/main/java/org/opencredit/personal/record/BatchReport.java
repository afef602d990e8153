package org.opencredit.personal.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What became of each line of a bulk submission of personal records. Counts are complete; the line lists
 * keep the first {@value #MAX_LISTED} entries each, so a report stays bounded whatever the file. A
 * rejection names the field and the rule, never a value (a prohibited field is named, its content is not
 * repeated anywhere).
 */
final class BatchReport {

    static final int MAX_LISTED = 10_000;

    /** A line that was not stored, and why. */
    record Rejection(long line, String field, String reason) {
    }

    /** A line whose record the platform already had with the same content (or that repeats an earlier line). */
    record Duplicate(long line, String recordId) {
    }

    /** The report as callers see it; {@code complete=false} with {@code stoppedBecause} when reading stopped early. */
    record View(boolean dryRun, long lines, long accepted, long duplicates, long rejected, boolean complete, String stoppedBecause,
                List<Rejection> rejections, boolean rejectionsTruncated, List<Duplicate> duplicateLines, Instant startedAt,
                Instant finishedAt) {
    }

    final boolean dryRun;
    final Instant startedAt;
    long lines;
    long accepted;
    long duplicates;
    long rejected;
    String stoppedBecause;
    private final List<Rejection> rejections = new ArrayList<>();
    private final List<Duplicate> duplicateLines = new ArrayList<>();

    BatchReport(boolean dryRun, Instant startedAt) {
        this.dryRun = dryRun;
        this.startedAt = startedAt;
    }

    /** A line with several faults counts once and lists each. */
    void reject(long line, List<Rejection> faults) {
        rejected++;
        for (Rejection r : faults) {
            if (rejections.size() < MAX_LISTED) {
                rejections.add(r);
            }
        }
    }

    void reject(long line, String field, String reason) {
        reject(line, List.of(new Rejection(line, field, reason)));
    }

    void duplicate(long line, String recordId) {
        duplicates++;
        if (duplicateLines.size() < MAX_LISTED) {
            duplicateLines.add(new Duplicate(line, recordId));
        }
    }

    View view(Instant finishedAt) {
        return new View(dryRun, lines, accepted, duplicates, rejected, stoppedBecause == null, stoppedBecause, List.copyOf(rejections),
                rejected > 0 && rejections.size() >= MAX_LISTED, List.copyOf(duplicateLines), startedAt, finishedAt);
    }
}
