package org.opencredit.blacklist.list;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.opencredit.blacklist.catalogue.CatalogueProblems;
import org.opencredit.blacklist.catalogue.ListCatalogue;
import org.opencredit.blacklist.catalogue.ListType;
import org.opencredit.blacklist.catalogue.Measure;
import org.opencredit.blacklist.entry.EntryService;
import org.opencredit.blacklist.entry.EntryState;
import org.opencredit.blacklist.entry.ListEntry;
import org.opencredit.blacklist.entry.SubjectRef;
import org.opencredit.blacklist.subject.SubjectDirectory;
import org.opencredit.chassis.problem.ProblemException;
import org.opencredit.contracts.identifier.Uscc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/lists")
@Tag(name = "Lists", description = "What the credit office publishes: the list feed and a subject's entries")
class ListingController {

    private final SubjectDirectory subjects;
    private final EntryService entries;
    private final ListCatalogue catalogue;

    ListingController(SubjectDirectory subjects, EntryService entries, ListCatalogue catalogue) {
        this.subjects = subjects;
        this.entries = entries;
        this.catalogue = catalogue;
    }

    record Page(int page, int size, List<PublicEntry> entries) {
    }

    @GetMapping("/entries")
    @Operation(summary = "The publication feed: entries in force (status=LISTED, default) or ended (REMOVED, EXPIRED), by subject",
            description = "Filter by listType and subjectKind (LEGAL_PERSON, NATURAL_PERSON); pages of at most 100.")
    Mono<Page> feed(@RequestParam(required = false) String listType, @RequestParam(required = false) String subjectKind,
                    @RequestParam(defaultValue = "LISTED") String status,
                    @RequestParam(defaultValue = "0") @Min(0) int page, @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        if (listType != null) {
            catalogue.listType(listType).orElseThrow(() -> CatalogueProblems.unknownListType(catalogue, listType));
        }
        if (subjectKind != null && !List.of(SubjectRef.LEGAL_PERSON, SubjectRef.NATURAL_PERSON).contains(subjectKind)) {
            throw ProblemException.badRequest("unknown-subject-kind", "Unknown subject kind",
                    "subjectKind is LEGAL_PERSON or NATURAL_PERSON, not '" + subjectKind + "'");
        }
        EntryState state;
        try {
            state = EntryState.valueOf(status);
        } catch (IllegalArgumentException e) {
            state = null;
        }
        if (state == null || !state.published()) {
            throw ProblemException.badRequest("unknown-status", "Unknown status", "status is LISTED, REMOVED or EXPIRED, not '" + status + "'");
        }
        return entries.published(listType, subjectKind, state, (long) page * size, size)
                .map(this::publicEntry).collectList()
                .map(list -> new Page(page, size, list));
    }

    @GetMapping("/subjects/{uscc}")
    @Operation(summary = "The lists a legal-person subject is on now",
            description = "Answered from blacklist-service's own data; 404 when it knows neither the subject nor any entry of it.")
    Mono<SubjectListing> get(@PathVariable String uscc) {
        Uscc code = Uscc.parse(uscc);
        var today = entries.today();
        return Mono.zip(subjects.find(code.value()).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()),
                        entries.ledger(code.value()).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()))
                .flatMap(t -> {
                    if (t.getT1().isEmpty() && t.getT2().isEmpty()) {
                        return Mono.error(ProblemException.notFound("subject-not-known",
                                        "blacklist-service knows no subject with USCC " + code.value()
                                                + "; register it with POST /api/v1/enterprises (it arrives here within seconds)")
                                .with("uscc", code.value()));
                    }
                    List<ListEntry> inForce = t.getT2().map(l -> l.entries().stream().filter(e -> e.inForce(today)).toList())
                            .orElse(List.of());
                    boolean restricted = inForce.stream().anyMatch(e -> !catalogue.listType(e.listType()).orElseThrow().positive());
                    var s = t.getT1();
                    String name = s.map(x -> x.name()).orElse(inForce.isEmpty() ? null : inForce.get(0).subjectName());
                    return Mono.just(new SubjectListing(code.value(), name, s.map(x -> x.entityKind()).orElse(null),
                            s.map(x -> x.regionCode()).orElse(null), inForce.stream().map(this::publicEntry).toList(), restricted));
                });
    }

    private PublicEntry publicEntry(ListEntry e) {
        ListType type = catalogue.listType(e.listType()).orElseThrow();
        java.time.LocalDate endedOn = e.state() == EntryState.LISTED ? null : e.lastStep().at().atZone(EntryService.ZONE).toLocalDate();
        return new PublicEntry(e.id(), e.listType(), type.name(), e.state().name(), e.subjectKind(), e.subjectName(),
                SubjectRef.LEGAL_PERSON.equals(e.subjectKind()) ? e.subject() : null, e.maskedIdentityNumber(), e.facts(),
                e.legalBasis(), e.decisionNumber(), e.authority(), e.listedOn(), e.expiresOn(), endedOn,
                catalogue.measuresOf(e.listType()).stream().map(Measure::code).toList());
    }
}
