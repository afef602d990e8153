package org.opencredit.enterprise.record;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.opencredit.chassis.security.Caller;
import org.opencredit.chassis.problem.ProblemException;
import org.opencredit.contracts.catalogue.Catalogue;
import org.opencredit.contracts.security.Scopes;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "Credit records", description = "Catalogued credit records submitted by departments")
class RecordController {

    private final RecordService records;
    private final Catalogue catalogue;

    RecordController(RecordService records, Catalogue catalogue) {
        this.records = records;
        this.catalogue = catalogue;
    }

    /** A revision: the corrected record and why. */
    record Revision(String reason, RecordSubmission record) {
    }

    /** A withdrawal and why (e.g. the penalty was overturned). */
    record Withdrawal(String reason) {
    }

    @GetMapping("/api/v1/catalogue")
    @Operation(summary = "The record catalogue: categories, legal basis, polarity, severities, publicity periods, entitled departments")
    Catalogue catalogue() {
        return catalogue;
    }

    @PostMapping("/api/v1/records")
    @Operation(summary = "Submit one credit record",
            description = "201 for a new record, 200 when the same record was already submitted (idempotent on the department's "
                    + "record id), 409 if that id exists with other content, 400/403 problem+json naming every faulty field.")
    Mono<ResponseEntity<CreditRecord>> submit(@RequestBody RecordSubmission submission, Caller caller) {
        return records.submit(submission, Departments.require(caller))
                .map(s -> s.created()
                        ? ResponseEntity.created(URI.create("/api/v1/records/" + s.record().recordId())).body(s.record())
                        : ResponseEntity.ok(s.record()));
    }

    @GetMapping("/api/v1/records/{recordId}")
    @Operation(summary = "Read one record in its current revision")
    Mono<CreditRecord> get(@PathVariable String recordId) {
        return records.find(recordId);
    }

    @GetMapping("/api/v1/records/{recordId}/history")
    @Operation(summary = "Every revision of a record, with who changed it, when and why (for auditors, scope records:audit)")
    Mono<List<RecordChange>> history(@PathVariable String recordId) {
        return records.history(recordId);
    }

    @PostMapping("/api/v1/records/{recordId}/revisions")
    @Operation(summary = "Correct a record: a new revision, the old one kept in the history")
    Mono<CreditRecord> revise(@PathVariable String recordId, @RequestBody Revision revision, Caller caller) {
        if (revision.record() == null) {
            throw ProblemException.badRequest("invalid-record", "Invalid record", "record is required: the corrected record");
        }
        return records.revise(recordId, revision.record(), revision.reason(), Departments.require(caller));
    }

    @PostMapping("/api/v1/records/{recordId}/withdrawal")
    @Operation(summary = "Withdraw a record with a reason; it leaves reports and sharing, its history stays")
    Mono<CreditRecord> withdraw(@PathVariable String recordId, @RequestBody Withdrawal withdrawal, Caller caller) {
        return records.withdraw(recordId, withdrawal.reason(), Departments.require(caller));
    }

    @GetMapping("/api/v1/enterprises/{uscc}/records")
    @Operation(summary = "Records of a subject: those in publicity, or all of them with all=true (for auditors, scope records:audit)")
    Flux<CreditRecord> ofSubject(@PathVariable String uscc, @RequestParam(defaultValue = "false") boolean all, Caller caller) {
        if (all) {
            // withdrawn, expired and repaired records are out of publicity: only auditors see them
            caller.requireScope(Scopes.RECORDS_AUDIT, "GET /api/v1/enterprises/" + uscc + "/records?all=true");
        }
        return records.ofSubject(uscc, all);
    }
}
