package org.opencredit.enterprise.record;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.opencredit.chassis.problem.ProblemException;
import org.opencredit.contracts.catalogue.Catalogue;
import org.opencredit.contracts.catalogue.Category;
import org.opencredit.contracts.events.EventTypes;
import org.opencredit.chassis.store.OptimisticLock;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Credit repair (DOMAIN §3): a subject that served the minimum publicity period, fulfilled its
 * obligations and committed publicly may apply; the deciding authority decides; an approved repair
 * ends publication, stops sharing and emits {@code record repaired} so every consumer sees it.
 */
@Service
public class RepairService {

    private final ReactiveMongoTemplate mongo;
    private final RecordService records;
    private final Catalogue catalogue;
    private final Clock clock;
    private final WorkingCalendar calendar = WorkingCalendar.standard();

    RepairService(ReactiveMongoTemplate mongo, RecordService records, Catalogue catalogue, Clock clock) {
        this.mongo = mongo;
        this.records = records;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /** What the subject declares when applying. */
    public record Application(String applicant, Boolean obligationsFulfilled, String obligationsEvidence, String commitment) {
    }

    public Mono<RepairApplication> apply(String recordId, Application a) {
        List<FieldError> errors = new ArrayList<>();
        if (a.applicant() == null || a.applicant().isBlank()) {
            errors.add(new FieldError("applicant", "is required: who applies for the subject"));
        }
        if (!Boolean.TRUE.equals(a.obligationsFulfilled())) {
            errors.add(new FieldError("obligationsFulfilled", "must be true: repair needs the legal obligations fulfilled (fine paid, violation corrected)"));
        }
        if (a.obligationsEvidence() == null || a.obligationsEvidence().isBlank()) {
            errors.add(new FieldError("obligationsEvidence", "is required: how the obligations were fulfilled (e.g. payment receipt number)"));
        }
        if (a.commitment() == null || a.commitment().isBlank()) {
            errors.add(new FieldError("commitment", "is required: the subject's public credit commitment"));
        }
        if (!errors.isEmpty()) {
            String summary = errors.stream().map(e -> e.field() + " " + e.message()).reduce((x, y) -> x + "; " + y).orElse("");
            return Mono.error(ProblemException.badRequest("invalid-repair-application", "Invalid repair application",
                    "fix these fields: " + summary).with("errors",
                    errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList()));
        }
        return records.load(recordId).flatMap(doc -> {
            Category category = catalogue.category(doc.record.category()).orElseThrow();
            if (!category.repairable()) {
                return Mono.error(ProblemException.conflict("not-repairable", category.name() + " (" + category.code()
                        + ") cannot be repaired: " + category.unrepairableReason()));
            }
            if (doc.record.status() != RecordStatus.PUBLISHED) {
                return Mono.error(ProblemException.conflict("not-in-publicity", "only records in publicity can be repaired; record "
                        + recordId + " is " + doc.record.status()));
            }
            LocalDate today = LocalDate.now(clock.withZone(RecordRules.ZONE));
            if (today.isBefore(doc.record.earliestRepair())) {
                return Mono.error(ProblemException.conflict("minimum-period-not-served", "the minimum publicity period of "
                        + category.code() + " " + doc.record.severity() + " has not been served: apply from "
                        + doc.record.earliestRepair()).with("earliestRepair", doc.record.earliestRepair().toString()));
            }
            if (doc.repairApplications.stream().anyMatch(r -> RepairApplication.PENDING.equals(r.status()))) {
                return Mono.error(ProblemException.conflict("repair-pending", "record " + recordId + " already has a pending repair application"));
            }
            RepairApplication application = new RepairApplication(UUID.randomUUID().toString(), a.applicant().strip(),
                    a.obligationsEvidence().strip(), a.commitment().strip(), clock.instant(), addWorkingDays(today,
                    RepairApplication.ANSWER_WORKING_DAYS), RepairApplication.PENDING, null, null, null);
            return mongo.updateFirst(OptimisticLock.expecting(doc.id, doc.version, doc.lock),
                            OptimisticLock.advance(new Update().push("repairApplications", application), doc.id, doc.version),
                            RecordDocument.class)
                    .flatMap(r -> r.getMatchedCount() == 1 ? Mono.just(application)
                            : Mono.error(ProblemException.conflict("concurrent-change", "record " + recordId + " changed meanwhile; retry")));
        });
    }

    public Mono<CreditRecord> decide(String recordId, String applicationId, boolean approved, String reason, String department) {
        if (reason == null || reason.isBlank()) {
            return Mono.error(ProblemException.badRequest("reason-required", "Reason required", "say why the repair is approved or refused (reason)"));
        }
        return records.load(recordId).flatMap(doc -> {
            if (department == null || !department.equals(doc.record.department())) {
                return Mono.error(new ProblemException(HttpStatus.FORBIDDEN, "not-deciding-authority", "Forbidden",
                        "only " + doc.record.department() + ", the deciding authority of record " + recordId + ", decides its repair"));
            }
            RepairApplication pending = doc.repairApplications.stream()
                    .filter(r -> r.applicationId().equals(applicationId)).findFirst().orElse(null);
            if (pending == null) {
                return Mono.error(ProblemException.notFound("repair-application-not-found", "record " + recordId
                        + " has no repair application " + applicationId));
            }
            if (!RepairApplication.PENDING.equals(pending.status())) {
                return Mono.error(ProblemException.conflict("repair-decided", "repair application " + applicationId + " was already "
                        + pending.status()));
            }
            RepairApplication decided = new RepairApplication(pending.applicationId(), pending.applicant(),
                    pending.obligationsEvidence(), pending.commitment(), pending.appliedAt(), pending.answerDue(),
                    approved ? RepairApplication.APPROVED : RepairApplication.REFUSED, department, reason, clock.instant());
            List<RepairApplication> applications = doc.repairApplications.stream()
                    .map(r -> r.applicationId().equals(applicationId) ? decided : r).toList();
            if (!approved) {
                return mongo.updateFirst(OptimisticLock.expecting(doc.id, doc.version, doc.lock),
                                OptimisticLock.advance(new Update().set("repairApplications", applications), doc.id, doc.version),
                                RecordDocument.class)
                        .flatMap(r -> r.getMatchedCount() == 1 ? Mono.just(doc.record)
                                : Mono.error(ProblemException.conflict("concurrent-change", "record " + recordId + " changed meanwhile; retry")));
            }
            CreditRecord repaired = doc.record.withStatus(RecordStatus.REPAIRED, doc.record.revision() + 1);
            return records.change(doc, repaired, RecordChange.REPAIRED, EventTypes.RECORD_REPAIRED_V1,
                    "credit repair approved: " + reason, department, u -> u.set("repairApplications", applications));
        });
    }

    public Mono<List<RepairApplication>> applications(String recordId) {
        return records.load(recordId).map(d -> d.repairApplications);
    }

    private LocalDate addWorkingDays(LocalDate from, int days) {
        LocalDate d = from;
        int added = 0;
        while (added < days) {
            d = d.plusDays(1);
            if (calendar.isWorkingDay(d)) {
                added++;
            }
        }
        return d;
    }
}
