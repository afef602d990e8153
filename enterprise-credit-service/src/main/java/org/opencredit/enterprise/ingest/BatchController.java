package org.opencredit.enterprise.ingest;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.PostConstruct;
import org.opencredit.chassis.problem.ProblemException;
import org.opencredit.chassis.security.Caller;
import org.opencredit.enterprise.record.Departments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

@RestController
@Tag(name = "Bulk ingest", description = "Departments submit many records at once as NDJSON or CSV (UTF-8 or GB18030)")
class BatchController {

    private static final Logger log = LoggerFactory.getLogger(BatchController.class);
    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    static final MediaType CSV = MediaType.parseMediaType("text/csv");

    private final BatchIngest ingest;
    private final ReactiveMongoTemplate mongo;
    private final Clock clock;

    BatchController(BatchIngest ingest, ReactiveMongoTemplate mongo, Clock clock) {
        this.ingest = ingest;
        this.mongo = mongo;
        this.clock = clock;
    }

    /** A job that was running when the service stopped will never finish: say so instead of RUNNING forever. */
    @PostConstruct
    void failInterruptedJobs() {
        mongo.updateMulti(Query.query(where("status").is(IngestJob.RUNNING)),
                        new Update().set("status", IngestJob.FAILED).set("failure",
                                "interrupted by a restart of the service; submit the file again (lines already stored are recognised as duplicates)"),
                        IngestJob.class)
                .subscribe(r -> { }, e -> log.warn("could not mark interrupted ingest jobs: {}", e.toString()));
    }

    @PostMapping(path = "/api/v1/records/batches", consumes = {"application/x-ndjson", "text/csv"})
    @Operation(summary = "Submit up to 100,000 records as NDJSON or CSV",
            description = "Streamed line by line. The answer is a report: accepted, rejected (line, field, reason), duplicates. "
                    + "dryRun=true validates without storing. async=true answers 202 at once with a job to follow. "
                    + "CSV may use the national double-publicity Chinese column names; the charset is the Content-Type's, "
                    + "the encoding parameter's, or detected (UTF-8 or GB18030). 413 with the report when the file has more lines.")
    Mono<ResponseEntity<?>> submit(ServerHttpRequest request,
                                   @RequestParam(defaultValue = "false") boolean dryRun,
                                   @RequestParam(defaultValue = "false") boolean async,
                                   @Parameter(description = "catalogue category for CSV files without a category column")
                                   @RequestParam(required = false) String category,
                                   @RequestParam(required = false) String severity,
                                   @Parameter(description = "UTF-8 or GB18030, when the Content-Type does not say")
                                   @RequestParam(required = false) String encoding,
                                   Caller caller) {
        String dept = Departments.require(caller);
        MediaType type = request.getHeaders().getContentType();
        String format = type != null && type.isCompatibleWith(CSV) ? "csv" : "ndjson";
        BatchIngest.Options options = new BatchIngest.Options(format, charset(type, encoding), dryRun, category, severity);
        if (async) {
            return startJob(request, options, dept);
        }
        InputStream body = DataBufferUtils.subscriberInputStream(request.getBody(), 4);
        // blocking: the file is read as a stream on a worker thread, never on the event loop
        return Mono.fromCallable(() -> ingest.run(body, options, dept, r -> { }))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(IllegalArgumentException.class, e -> ProblemException.badRequest("unreadable-file", "Unreadable file",
                        e.getMessage()))
                .map(report -> ResponseEntity.status(report.stop() == null ? HttpStatus.OK
                        : report.stop() == IngestReport.Stop.LINE_LIMIT ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST).body(report));
    }

    /** Spools the body to a temporary file (memory stays flat), answers 202 and ingests in the background. */
    private Mono<ResponseEntity<?>> startJob(ServerHttpRequest request, BatchIngest.Options options, String department) {
        String id = UUID.randomUUID().toString();
        Path spool;
        try {
            spool = Files.createTempFile("opencredit-ingest-" + id, ".upload");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IngestJob job = new IngestJob(id, department, options.format(), options.dryRun(), IngestJob.RUNNING, 0, 0, 0, 0,
                clock.instant(), clock.instant(), null, null);
        return DataBufferUtils.write(request.getBody(), spool)
                .then(mongo.insert(job))
                .doOnSuccess(saved -> Mono.fromCallable(() -> {
                            try (InputStream in = Files.newInputStream(spool)) {
                                return ingest.run(in, options, department, report -> progress(id, report));
                            } finally {
                                Files.deleteIfExists(spool);
                            }
                        })
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(report -> mongo.updateFirst(Query.query(where("_id").is(id)), new Update()
                                .set("status", IngestJob.DONE).set("report", report).set("linesRead", report.lines())
                                .set("accepted", report.accepted()).set("rejected", report.rejected())
                                .set("duplicates", report.duplicates()).set("updatedAt", clock.instant()), IngestJob.class))
                        .onErrorResume(e -> mongo.updateFirst(Query.query(where("_id").is(id)), new Update()
                                .set("status", IngestJob.FAILED).set("failure", e.getMessage()).set("updatedAt", clock.instant()), IngestJob.class))
                        .subscribe())
                .map(saved -> ResponseEntity.accepted().location(URI.create("/api/v1/records/batches/" + id)).body(saved));
    }

    private void progress(String id, IngestReport report) {
        mongo.updateFirst(Query.query(where("_id").is(id)), new Update().set("linesRead", report.lines)
                        .set("accepted", report.accepted).set("rejected", report.rejected).set("duplicates", report.duplicates)
                        .set("updatedAt", clock.instant()), IngestJob.class)
                .subscribe(r -> { }, e -> log.debug("progress of job {} not saved: {}", id, e.toString()));
    }

    @GetMapping("/api/v1/records/batches/{jobId}")
    @Operation(summary = "Progress of an asynchronous bulk submission, and its report once done (to the department that submitted it)")
    Mono<IngestJob> job(@PathVariable String jobId, Caller caller) {
        String department = Departments.require(caller);
        // a report quotes rejected lines: only the submitting department reads it; to others the job does not exist
        return mongo.findById(jobId, IngestJob.class)
                .filter(job -> department.equals(job.department()))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("job-not-found", "no bulk submission job " + jobId)));
    }

    private static Charset charset(MediaType type, String encoding) {
        String name = encoding != null ? encoding : type != null && type.getCharset() != null ? type.getCharset().name() : null;
        if (name == null) {
            return null;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("unknown-encoding", "Unknown encoding", "'" + name + "' is not an encoding; use UTF-8 or GB18030");
        }
    }

}
