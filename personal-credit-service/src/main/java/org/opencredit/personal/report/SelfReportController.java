package org.opencredit.personal.report;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.bson.Document;
import org.opencredit.chassis.security.Caller;
import org.opencredit.personal.access.AccessLog;
import org.opencredit.personal.access.AccessLogEntry;
import org.opencredit.personal.access.PersonalDataAccess;
import org.opencredit.personal.access.ReadRule;
import org.opencredit.personal.person.PersonService;
import org.opencredit.personal.record.RecordService;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** What a person gets about themselves through the credit office's desk: their report and who queried them. */
@RestController
@RequestMapping("/api/v1/persons/{personRef}")
@Tag(name = "Self service", description = "A person's own report (two free a year) and access log, via the credit office desk")
class SelfReportController {

    static final int FREE_PER_YEAR = 2;
    static final String COUNTERS = "self_reports";

    private final PersonalDataAccess access;
    private final PersonService persons;
    private final RecordService records;
    private final AccessLog accessLog;
    private final ReactiveMongoTemplate mongo;
    private final Clock clock;

    SelfReportController(PersonalDataAccess access, PersonService persons, RecordService records, AccessLog accessLog,
                         ReactiveMongoTemplate mongo, Clock clock) {
        this.access = access;
        this.persons = persons;
        this.records = records;
        this.accessLog = accessLog;
        this.mongo = mongo;
        this.clock = clock;
    }

    @GetMapping("/report")
    @Operation(summary = "The person's own report", description = "Credit office desk with X-Purpose: SELF_INQUIRY. All records, "
            + "withdrawn ones, objections and statements included; counted per year, the third and later marked chargeable.")
    Mono<SelfReport> report(@PathVariable String personRef, Caller caller) {
        return access.read(caller, null, "report", ReadRule.SELF_SERVICE,
                persons.byRef(personRef).map(d -> new PersonalDataAccess.Found<>(d.personRef(), d)), "ref:" + personRef,
                Optional.empty(), found -> {
                    int year = LocalDate.now(clock).getYear();
                    // one atomic counter per person and year (findAndModify with upsert): concurrent reports get distinct numbers
                    return mongo.findAndModify(Query.query(where("_id").is(found.personRef() + ":" + year)),
                                    new Update().inc("count", 1), FindAndModifyOptions.options().upsert(true).returnNew(true),
                                    Document.class, COUNTERS)
                            .map(d -> ((Number) d.get("count")).longValue())
                            .zipWith(records.allFor(found.personRef()))
                            .map(t -> new SelfReport(persons.view(found.value(), false), t.getT2(), year, t.getT1(),
                                    t.getT1() > FREE_PER_YEAR));
                });
    }

    @GetMapping("/access-log")
    @Operation(summary = "Who queried the person", description = "Credit office desk with X-Purpose: SELF_INQUIRY; newest first, "
            + "this read included.")
    Mono<List<AccessLogEntry>> accessLog(@PathVariable String personRef, Caller caller) {
        return access.read(caller, null, "access-log", ReadRule.SELF_SERVICE,
                persons.byRef(personRef).map(d -> new PersonalDataAccess.Found<>(d.personRef(), d)), "ref:" + personRef,
                Optional.empty(), found -> accessLog.of(found.personRef()).collectList());
    }
}
