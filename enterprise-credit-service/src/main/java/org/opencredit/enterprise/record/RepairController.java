package org.opencredit.enterprise.record;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.opencredit.chassis.security.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "Credit repair", description = "Applications to end a record's publication early, and their decisions")
class RepairController {

    private final RepairService repairs;

    RepairController(RepairService repairs) {
        this.repairs = repairs;
    }

    /** The deciding authority's decision. */
    record Decision(boolean approved, String reason) {
    }

    @PostMapping("/api/v1/records/{recordId}/repair-applications")
    @Operation(summary = "Apply for credit repair of a record",
            description = "Refused with the reason when the category cannot be repaired, the minimum period is not served, "
                    + "obligations are not fulfilled or the public commitment is missing. Answer due within 10 working days.")
    Mono<ResponseEntity<RepairApplication>> apply(@PathVariable String recordId, @RequestBody RepairService.Application application) {
        return repairs.apply(recordId, application).map(a -> ResponseEntity
                .created(URI.create("/api/v1/records/" + recordId + "/repair-applications/" + a.applicationId())).body(a));
    }

    @GetMapping("/api/v1/records/{recordId}/repair-applications")
    @Operation(summary = "Repair applications of a record and their decisions")
    Mono<List<RepairApplication>> list(@PathVariable String recordId) {
        return repairs.applications(recordId);
    }

    @PostMapping("/api/v1/records/{recordId}/repair-applications/{applicationId}/decision")
    @Operation(summary = "Decide a repair application (the record's deciding authority, scope records:repair)",
            description = "Approval ends publication at once: the record becomes REPAIRED, leaves reports and sharing, "
                    + "and a record repaired event tells every consumer.")
    Mono<CreditRecord> decide(@PathVariable String recordId, @PathVariable String applicationId, @RequestBody Decision decision,
                              Caller caller) {
        return repairs.decide(recordId, applicationId, decision.approved(), decision.reason(), Departments.require(caller));
    }
}
