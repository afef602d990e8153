package org.opencredit.personal.record;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.opencredit.chassis.problem.ProblemException;
import org.opencredit.contracts.identifier.InvalidIdentifierException;
import org.opencredit.contracts.identifier.ResidentIdentityNumber;
import org.opencredit.personal.person.PersonDocument;
import org.opencredit.personal.person.PersonService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import reactor.core.publisher.Mono;

/**
 * Reads a department's NDJSON file of personal records line by line, checks every line with the rules
 * of a single submission (prohibited fields first: such a line is rejected whole, and neither it nor
 * its content is stored, logged or repeated in the report), and stores the valid lines in chunks: the
 * chunk's persons with one read and one bulk insert, its records with one bulk insert and their events
 * published without reading them back. An invalid line never costs a valid one; a resubmitted file
 * stores nothing twice (record ids derive from department and department record id).
 * <p>
 * Follows enterprise-credit-service's bulk ingest ({@code ingest.BatchIngest}); see the report for what is
 * generic. Blocking by design (it reads a stream): callers run it on {@code Schedulers.boundedElastic()}.
 */
@Service
class BatchIngest {

    static final int MAX_LINES = 100_000;
    static final int CHUNK = 1_000;
    private static final Duration STORE_TIMEOUT = Duration.ofMinutes(2);

    private final RecordService records;
    private final PersonService persons;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final int maxLines;

    BatchIngest(RecordService records, PersonService persons, Clock clock,
                @Value("${opencredit.personal.ingest.max-lines:" + MAX_LINES + "}") int maxLines) {
        this.records = records;
        this.persons = persons;
        this.clock = clock;
        this.maxLines = maxLines;
    }

    /** A line that passed every rule. */
    private record Line(long line, RecordService.Checked checked) {
    }

    BatchReport.View run(InputStream body, boolean dryRun, String department, String clientId) throws IOException {
        BatchReport report = new BatchReport(dryRun, clock.instant());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 64 * 1024)) {
            List<Line> chunk = new ArrayList<>(CHUNK);
            ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
            long lineNumber = 0;
            String text;
            try {
                while ((text = reader.readLine()) != null) {
                    lineNumber++;
                    if (lineNumber == 1 && text.startsWith("\uFEFF")) {
                        text = text.substring(1);
                    }
                    if (text.isBlank()) {
                        continue;
                    }
                    if (report.lines == maxLines) {
                        report.stoppedBecause = "the file has more than " + maxLines + " records; lines from " + lineNumber
                                + " on were not read (those before were handled as reported): submit the rest in another request";
                        break;
                    }
                    report.lines++;
                    Line line = check(lineNumber, text, department, report);
                    if (line != null) {
                        chunk.add(line);
                        if (chunk.size() == CHUNK) {
                            flush(chunk, report, clientId, inFlight);
                            chunk = new ArrayList<>(CHUNK);
                        }
                    }
                }
                flush(chunk, report, clientId, inFlight);
            } finally {
                // what was handed to the store is accounted for even when reading failed
                while (!inFlight.isEmpty()) {
                    settle(inFlight.poll(), report);
                }
            }
        }
        return report.view(clock.instant());
    }

    /** The checked line, or null after entering its rejection in the report. */
    private Line check(long lineNumber, String text, String department, BatchReport report) {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JacksonException e) {
            report.reject(lineNumber, "line", "is not valid JSON: each line is one record as a JSON object");
            return null;
        }
        if (!(node instanceof ObjectNode object)) {
            report.reject(lineNumber, "line", "must be one record as a JSON object");
            return null;
        }
        try {
            return new Line(lineNumber, records.check(object, department));
        } catch (InvalidIdentifierException e) {
            report.reject(lineNumber, "identityNumber", e.getMessage());
        } catch (ProblemException e) {
            report.reject(lineNumber, faults(lineNumber, e));
        }
        return null;
    }

    /** The fields a problem names: its errors list, or its field, or the whole line. */
    private static List<BatchReport.Rejection> faults(long line, ProblemException e) {
        Map<String, Object> properties = e.toProblemDetail().getProperties();
        String detail = e.toProblemDetail().getDetail();
        if (properties != null && properties.get("errors") instanceof List<?> errors && !errors.isEmpty()) {
            List<BatchReport.Rejection> out = new ArrayList<>();
            for (Object o : errors) {
                if (o instanceof Map<?, ?> m) {
                    out.add(new BatchReport.Rejection(line, String.valueOf(m.get("field")), String.valueOf(m.get("message"))));
                }
            }
            return out;
        }
        String field = properties != null && properties.get("field") != null ? properties.get("field").toString() : "line";
        return List.of(new BatchReport.Rejection(line, field, detail));
    }

    /** A chunk being stored while the next one is read: storing and publishing overlap reading and checking. */
    private record InFlight(List<Line> chunk, CompletableFuture<Stored> stored) {
    }

    private record Stored(List<PersonalRecordDocument> docs, RecordService.BatchOutcome outcome) {
    }

    /** At most two chunks are stored at once, so memory stays bounded by a few chunks whatever the file. */
    private static final int CHUNKS_IN_FLIGHT = 2;

    private void flush(List<Line> chunk, BatchReport report, String clientId, ArrayDeque<InFlight> inFlight) {
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
        Map<ResidentIdentityNumber, String> names = new LinkedHashMap<>();
        chunk.forEach(l -> names.putIfAbsent(l.checked().id(), l.checked().submission().name()));
        Instant now = clock.instant();
        // the persons of the chunk (one read, one bulk insert of the new ones), then its records (one bulk insert) and their events
        Mono<Stored> store = persons.findOrRegisterAll(names).flatMap(byId -> {
            List<PersonalRecordDocument> docs = chunk.stream()
                    .map(l -> records.newDocument(l.checked(), byId.get(l.checked().id()), clientId, now)).toList();
            return records.storeBatch(docs).map(outcome -> new Stored(docs, outcome));
        });
        inFlight.add(new InFlight(chunk, store.toFuture()));
    }

    /** Waits for a stored chunk and enters its outcome in the report (on the reading thread only). */
    private void settle(InFlight pending, BatchReport report) {
        Stored stored;
        try {
            stored = pending.stored().get(STORE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("storing a chunk failed: " + e.getMessage(), e);
        }
        List<Line> chunk = pending.chunk();
        RecordService.BatchOutcome outcome = stored.outcome();
        report.accepted += outcome.stored().size();
        for (int i : outcome.duplicates()) {
            report.duplicate(chunk.get(i).line(), stored.docs().get(i).id);
        }
        for (int i : outcome.conflicts()) {
            report.reject(chunk.get(i).line(), "departmentRecordId",
                    RecordService.conflict(stored.docs().get(i).record).toProblemDetail().getDetail());
        }
    }

    /** Validates only; still tells which lines the platform already has, or that repeat an earlier line. Stores nothing. */
    private void dryRun(List<Line> chunk, BatchReport report) {
        List<String> ids = chunk.stream().map(BatchIngest::recordId).distinct().toList();
        Map<String, PersonalRecord> existing = records.existing(ids).block(STORE_TIMEOUT);
        Map<String, PersonDocument> registered = persons.registered(chunk.stream().map(l -> l.checked().id()).toList())
                .block(STORE_TIMEOUT);
        Instant now = clock.instant();
        Set<String> seen = new HashSet<>();
        for (Line l : chunk) {
            String id = recordId(l);
            PersonalRecord there = existing.get(id);
            PersonDocument person = registered.get(persons.hashOf(l.checked().id()));
            boolean same = there != null && person != null
                    && there.sameContent(records.newDocument(l.checked(), person, "dry-run", now).record);
            if (!seen.add(id) || same) {
                report.duplicate(l.line(), id);
            } else if (there != null) {
                report.reject(l.line(), "departmentRecordId", RecordService.conflict(there).toProblemDetail().getDetail());
            } else {
                report.accepted++;
            }
        }
    }

    private static String recordId(Line l) {
        return RecordService.recordId(l.checked().department(), l.checked().submission().departmentRecordId());
    }
}
