package org.opencredit.enterprise.ingest;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.opencredit.enterprise.record.CreditRecord;
import org.opencredit.enterprise.record.RecordRules;
import org.opencredit.enterprise.record.RecordService;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a department's bulk file line by line, checks every line with the same rules as a single
 * submission, and stores the valid ones in chunks: memory stays bounded by the chunk, not the file.
 * An invalid line never costs a valid one; a resubmitted file stores nothing twice.
 * <p>
 * Blocking by design (it reads a stream): callers run it on {@code Schedulers.boundedElastic()}.
 */
@Service
public class BatchIngest {

    /** Lines per request; more are refused (413) after the first {@code maxLines} were handled. */
    public static final int MAX_LINES = 100_000;
    static final int CHUNK = 1_000;
    private static final Duration STORE_TIMEOUT = Duration.ofMinutes(2);

    private final RecordRules rules;
    private final RecordService records;
    private final ReactiveMongoTemplate mongo;
    private final Clock clock;
    private final ObjectReader json;
    private final int maxLines;

    BatchIngest(RecordRules rules, RecordService records, ReactiveMongoTemplate mongo, Clock clock, JsonMapper mapper,
                @org.springframework.beans.factory.annotation.Value("${opencredit.ingest.max-lines:" + MAX_LINES + "}") int maxLines) {
        this.maxLines = maxLines;
        this.rules = rules;
        this.records = records;
        this.mongo = mongo;
        this.clock = clock;
        this.json = mapper.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build().reader();
    }

    /** How to read the file. */
    public record Options(String format, Charset charset, boolean dryRun, String category, String severity) {
    }

    public IngestReport.View run(InputStream body, Options options, String department, Consumer<IngestReport> progress)
            throws IOException {
        IngestReport report = new IngestReport(options.format(), options.dryRun(), clock.instant());
        Encodings.Detected detected = Encodings.detect(body, options.charset());
        report.encoding = detected.charset().name();
        BufferedReader reader = new BufferedReader(new InputStreamReader(detected.stream(), detected.charset()), 64 * 1024);
        try (LineSource lines = "csv".equals(options.format())
                ? new CsvLines(reader, options.category(), options.severity())
                : new NdjsonLines(reader, json)) {
            if (lines instanceof CsvLines csv) {
                report.ignoredColumns = csv.columns.ignoredColumns();
            }
            List<Checked> chunk = new ArrayList<>(CHUNK);
            java.util.ArrayDeque<InFlight> inFlight = new java.util.ArrayDeque<>();
            try {
                while (lines.hasNext()) {
                    if (report.lines == maxLines) {
                        report.stop = IngestReport.Stop.LINE_LIMIT;
                        report.stoppedBecause = "the file has more than " + maxLines + " lines; lines after " + maxLines
                                + " were not read (those before were handled as reported): submit the rest in another request";
                        break;
                    }
                    ParsedLine line = lines.next();
                    report.lines++;
                    if (!line.errors().isEmpty()) {
                        report.reject(line.line(), line.errors());
                        if (!report.dryRun) {
                            records.rejected(line.submission(), department);
                        }
                        continue;
                    }
                    RecordRules.Outcome outcome = rules.check(line.submission(), department);
                    if (!outcome.valid()) {
                        report.reject(line.line(), outcome.errors());
                        if (!report.dryRun) {
                            records.rejected(line.submission(), department);
                        }
                        continue;
                    }
                    chunk.add(new Checked(line.line(), outcome.record()));
                    if (chunk.size() == CHUNK) {
                        flush(chunk, report, department, inFlight);
                        chunk = new ArrayList<>(CHUNK);
                        progress.accept(report);
                    }
                }
            } catch (CsvLines.MalformedFileException e) {
                report.stop = IngestReport.Stop.MALFORMED;
                report.stoppedBecause = e.getMessage() + " (the lines before it were handled as reported)";
            }
            flush(chunk, report, department, inFlight);
            while (!inFlight.isEmpty()) {
                settle(inFlight.poll(), report);
            }
            progress.accept(report);
        }
        return report.view(clock.instant());
    }

    private record Checked(long line, CreditRecord record) {
    }

    /** A chunk being stored while the next one is read: storing and publishing overlap reading. */
    private record InFlight(List<Checked> chunk, java.util.concurrent.CompletableFuture<RecordService.BatchOutcome> outcome) {
    }

    /** At most two chunks are stored at once, so memory stays bounded by two chunks. */
    private static final int CHUNKS_IN_FLIGHT = 2;

    private void flush(List<Checked> chunk, IngestReport report, String department, java.util.ArrayDeque<InFlight> inFlight) {
        if (chunk.isEmpty()) {
            return;
        }
        if (report.dryRun) {
            dryRun(chunk, report);
            return;
        }
        while (inFlight.size() >= CHUNKS_IN_FLIGHT) {
            settle(inFlight.poll(), report);
        }
        List<CreditRecord> batch = chunk.stream().map(Checked::record).toList();
        inFlight.add(new InFlight(chunk, records.storeBatch(batch, department).toFuture()));
    }

    /** Waits for a stored chunk and enters its outcome in the report (on the reading thread only). */
    private void settle(InFlight pending, IngestReport report) {
        RecordService.BatchOutcome outcome;
        try {
            outcome = pending.outcome().get(STORE_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("storing a chunk failed: " + e.getMessage(), e);
        }
        List<Checked> chunk = pending.chunk();
        for (int i : outcome.stored()) {
            report.accepted++;
            if (chunk.get(i).record().late()) {
                report.late++;
            }
        }
        for (int i : outcome.duplicates()) {
            report.duplicate(chunk.get(i).line(), chunk.get(i).record().recordId());
        }
        for (int i : outcome.conflicts()) {
            CreditRecord r = chunk.get(i).record();
            report.reject(chunk.get(i).line(), "departmentRecordId", "record " + r.departmentRecordId()
                    + " already exists with other content; change it with POST /api/v1/records/" + r.recordId() + "/revisions");
        }
    }

    /** Validates only; still tells which lines the platform already has, or that repeat an earlier line. */
    private void dryRun(List<Checked> chunk, IngestReport report) {
        List<String> ids = chunk.stream().map(c -> c.record().recordId()).distinct().toList();
        Map<String, CreditRecord> existing = mongo.find(Query.query(where("_id").in(ids)), Document.class, "records")
                .collectMap(d -> d.id, d -> d.record).block(STORE_TIMEOUT);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Checked c : chunk) {
            CreditRecord there = existing.get(c.record().recordId());
            if ((there != null && there.sameContentAs(c.record())) || !seen.add(c.record().recordId())) {
                report.duplicate(c.line(), c.record().recordId());
            } else if (there != null) {
                report.reject(c.line(), "departmentRecordId", "record " + c.record().departmentRecordId()
                        + " already exists with other content; change it with POST /api/v1/records/" + c.record().recordId() + "/revisions");
            } else {
                report.accepted++;
                if (c.record().late()) {
                    report.late++;
                }
            }
        }
    }

    /** The stored shape, read for the dry run's duplicate check. */
    static final class Document {
        String id;
        CreditRecord record;
    }
}
