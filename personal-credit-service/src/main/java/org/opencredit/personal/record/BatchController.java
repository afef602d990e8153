package org.opencredit.personal.record;

import java.io.InputStream;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.opencredit.chassis.security.Caller;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

@RestController
@Tag(name = "Bulk ingest", description = "Departments submit many personal records at once as NDJSON")
class BatchController {

    private final BatchIngest ingest;

    BatchController(BatchIngest ingest) {
        this.ingest = ingest;
    }

    @PostMapping(path = "/api/v1/person-records/batches", consumes = "application/x-ndjson")
    @Operation(summary = "Submit up to 100,000 personal records as NDJSON (UTF-8), one record per line",
            description = "Streamed line by line, each line checked like a single submission. The answer is a report: accepted, "
                    + "rejected (line, field, reason), duplicates. A line with a prohibited field is rejected whole and nothing of it "
                    + "is stored or repeated. dryRun=true validates without storing. Resubmitting a file stores nothing twice. "
                    + "413 with the report when the file has more lines (those before were handled).")
    Mono<ResponseEntity<BatchReport.View>> submit(ServerHttpRequest request, @RequestParam(defaultValue = "false") boolean dryRun,
                                                  Caller caller) {
        String department = RecordService.requireDepartment(caller);
        InputStream body = DataBufferUtils.subscriberInputStream(request.getBody(), 4);
        // blocking: the file is read as a stream on a worker thread, never on the event loop
        return Mono.fromCallable(() -> ingest.run(body, dryRun, department, caller.clientId()))
                .subscribeOn(Schedulers.boundedElastic())
                .map(report -> ResponseEntity.status(report.complete() ? HttpStatus.OK : HttpStatus.PAYLOAD_TOO_LARGE).body(report));
    }
}
