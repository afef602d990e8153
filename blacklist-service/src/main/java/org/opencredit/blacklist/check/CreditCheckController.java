package org.opencredit.blacklist.check;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.opencredit.blacklist.catalogue.CatalogueProblems;
import org.opencredit.blacklist.catalogue.ListCatalogue;
import org.opencredit.blacklist.entry.EntryService;
import org.opencredit.blacklist.entry.PersonKeys;
import org.opencredit.blacklist.entry.SubjectRef;
import org.opencredit.chassis.problem.ProblemException;
import org.opencredit.chassis.security.Caller;
import org.opencredit.contracts.security.Purposes;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "Credit checks", description = "May I grant this, and which measures must I apply? Answered from local data only")
class CreditCheckController {

    private final CreditCheckService checks;
    private final ListCatalogue catalogue;
    private final PersonKeys keys;
    private final EntryService entries;

    CreditCheckController(CreditCheckService checks, ListCatalogue catalogue, PersonKeys keys, EntryService entries) {
        this.checks = checks;
        this.catalogue = catalogue;
        this.keys = keys;
        this.entries = entries;
    }

    /**
     * @param purpose why the caller checks (free text for a legal person; for a natural person one of the
     *                platform's purposes, e.g. GOVERNMENT_PROCUREMENT); the token's declared purpose is used when absent
     */
    record CheckRequest(String uscc, String identityNumber, @NotBlank String scenario, @Size(max = 200) String purpose) {
    }

    @PostMapping("/api/v1/credit-checks")
    @Operation(summary = "Check a subject (uscc or identityNumber) for a decision scenario: measures, rating, verdict, summary")
    Mono<CreditCheck> check(@Valid @RequestBody CheckRequest request, Caller caller) {
        catalogue.scenario(request.scenario()).orElseThrow(() -> CatalogueProblems.unknownScenario(catalogue, request.scenario()));
        SubjectRef subject = SubjectRef.of(request.uscc(), request.identityNumber(), keys, entries.today());
        String purpose = request.purpose() != null && !request.purpose().isBlank() ? request.purpose().trim() : caller.purpose();
        if (purpose == null) {
            throw ProblemException.badRequest("purpose-required", "Purpose required",
                    "state why you check (purpose in the body, or the X-Purpose header through the gateway)");
        }
        if (SubjectRef.NATURAL_PERSON.equals(subject.kind()) && !Purposes.ALL.contains(purpose)) {
            throw ProblemException.badRequest("purpose-not-allowed", "Purpose not allowed",
                    "checking a natural person needs one of the platform's purposes " + Purposes.ALL.stream().sorted().toList())
                    .with("known", Purposes.ALL.stream().sorted().toList());
        }
        return checks.check(subject, request.scenario(), purpose, caller);
    }
}
