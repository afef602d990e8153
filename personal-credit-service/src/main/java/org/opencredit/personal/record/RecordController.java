package org.opencredit.personal.record;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.opencredit.chassis.security.Caller;
import org.opencredit.personal.access.AccessPolicy;
import org.opencredit.personal.access.PersonalDataAccess;
import org.opencredit.personal.access.ReadRule;
import org.opencredit.personal.person.PersonService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Personal records", description = "Records of natural persons in catalogued categories, objections, statements")
class RecordController {

    private final RecordService records;
    private final PersonService persons;
    private final PersonalDataAccess access;

    RecordController(RecordService records, PersonService persons, PersonalDataAccess access) {
        this.records = records;
        this.persons = persons;
        this.access = access;
    }

    @PostMapping("/person-records")
    @Operation(summary = "Submit a personal record (department systems)", description = "Names the person by identity number and "
            + "name (registered if new). 201 created, 200 for an identical resubmission, 409 for the same record id with other content. "
            + "A prohibited field (religion, genes, fingerprints, blood type, disease, medical history) rejects the whole submission "
            + "with 400 prohibited-field; income, deposits, securities, insurance, realEstate, taxAmount need consentReference.")
    Mono<ResponseEntity<RecordView>> submit(@RequestBody RawSubmission body, Caller caller) {
        return records.submit(body.body(), caller).map(s -> s.created()
                ? ResponseEntity.created(URI.create("/api/v1/person-records/" + s.record().recordId())).body(s.record())
                : ResponseEntity.ok(s.record()));
    }

    @PostMapping("/person-records/{recordId}/revisions")
    @Operation(summary = "Revise a record (the owning department)", description = "The full submission plus a reason; history is kept.")
    Mono<RecordView> revise(@PathVariable String recordId, @RequestBody RawSubmission body, Caller caller) {
        return records.revise(recordId, body.body(), caller);
    }

    @PostMapping("/person-records/{recordId}/withdrawal")
    @Operation(summary = "Withdraw a record with a reason (the owning department)")
    Mono<RecordView> withdraw(@PathVariable String recordId, @Valid @RequestBody Requests.Withdrawal request, Caller caller) {
        return records.withdraw(recordId, request.reason().strip(), caller);
    }

    @GetMapping("/persons/{personRef}/records")
    @Operation(summary = "A person's published records", description = "Needs X-Purpose; partners also " + AccessPolicy.CONSENT_HEADER
            + ". Logged in the person's access log before the answer; 403 problem+json when refused.")
    Mono<List<RecordView>> personRecords(@PathVariable String personRef, Caller caller,
                                         @RequestHeader(name = AccessPolicy.CONSENT_HEADER, required = false) String consent) {
        return access.read(caller, consent, "records", ReadRule.THIRD_PARTY,
                persons.byRef(personRef).map(d -> new PersonalDataAccess.Found<>(d.personRef(), d)), "ref:" + personRef,
                Optional.empty(), found -> records.publishedFor(found.personRef()));
    }

    @PostMapping("/person-records/{recordId}/objections")
    @Operation(summary = "Open an objection (credit office desk, for the person)", description = "Flags the record disputed at once "
            + "and notifies the department (event); due within 20 days.")
    @org.springframework.web.bind.annotation.ResponseStatus(HttpStatus.CREATED)
    Mono<RecordView> object(@PathVariable String recordId, @Valid @RequestBody Requests.ObjectionRequest request, Caller caller) {
        return records.openObjection(recordId, request.grounds().strip(), caller);
    }

    @PostMapping("/person-records/{recordId}/objections/{objectionId}/resolution")
    @Operation(summary = "Resolve an objection (owning department or credit office)", description = "ACCEPTED needs the record revised "
            + "since the objection opened or withdraw=true; REJECTED needs the written answer.")
    Mono<RecordView> resolve(@PathVariable String recordId, @PathVariable String objectionId,
                             @Valid @RequestBody Requests.Resolution request, Caller caller) {
        return records.resolveObjection(recordId, objectionId, request.outcome(), request.answer().strip(),
                Boolean.TRUE.equals(request.withdraw()), caller);
    }

    @GetMapping("/objections")
    @Operation(summary = "Open objections, oldest first, overdue ones marked", description = "A department sees its own records' objections.")
    Mono<ObjectionList> openObjections(Caller caller) {
        return records.openObjections(caller).collectList()
                .map(items -> new ObjectionList(items.size(), (int) items.stream().filter(RecordService.ObjectionItem::overdue).count(),
                        items));
    }

    /** Open objections and how many are overdue. */
    record ObjectionList(int open, int overdue, List<RecordService.ObjectionItem> objections) {
    }

    @PutMapping("/person-records/{recordId}/statement")
    @Operation(summary = "Attach the person's statement to a record (credit office desk)")
    Mono<RecordView> statement(@PathVariable String recordId, @Valid @RequestBody Requests.Statement request, Caller caller) {
        return records.attachStatement(recordId, request.statement().strip(), caller);
    }
}
