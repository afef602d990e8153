package org.opencredit.enterprise.ingest;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An asynchronous bulk submission: progress while it runs, the full report when it is done.
 *
 * @param status RUNNING, DONE or FAILED
 */
@Document(IngestJob.COLLECTION)
public record IngestJob(@Id String id, String department, String format, boolean dryRun, String status, long linesRead,
                        long accepted, long rejected, long duplicates, Instant createdAt, Instant updatedAt,
                        IngestReport.View report, String failure) {
    static final String COLLECTION = "ingest_jobs";
    static final String RUNNING = "RUNNING";
    static final String DONE = "DONE";
    static final String FAILED = "FAILED";
}
