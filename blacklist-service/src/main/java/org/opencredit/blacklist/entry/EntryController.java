package org.opencredit.blacklist.entry;

import java.net.URI;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.opencredit.blacklist.catalogue.CatalogueProblems;
import org.opencredit.blacklist.catalogue.ListCatalogue;
import org.opencredit.blacklist.catalogue.ListType;
import org.opencredit.chassis.problem.ProblemException;
import org.opencredit.chassis.security.Caller;
import org.opencredit.contracts.security.ClientKind;
import org.opencredit.contracts.security.Scopes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * List entries and their due process. Who may take a step: the list type's issuing authority (a
 * DEPARTMENT client of that department) or the credit office (OFFICE), both with {@code lists:write};
 * lists without a department (trade-association lists) only the office.
 */
@RestController
@Tag(name = "List entries", description = "Proposals, notice, objections, listing, extension, removal; every step recorded and published")
class EntryController {

    private final EntryService entries;
    private final ListCatalogue catalogue;
    private final PersonKeys keys;

    EntryController(EntryService entries, ListCatalogue catalogue, PersonKeys keys) {
        this.entries = entries;
        this.catalogue = catalogue;
        this.keys = keys;
    }

    /** A proposal. The identity number of a person (or legal representative) is used once, for its pseudonym, and never stored. */
    record ProposeRequest(@NotBlank String listType, String uscc, String identityNumber,
                          @NotBlank @Size(max = 200) String subjectName, @NotBlank @Size(max = 4000) String facts,
                          @Size(max = 1000) String legalBasis, @NotBlank @Size(max = 200) String decisionNumber,
                          @Valid LegalRepresentativeRequest legalRepresentative, @Size(max = 2000) String reason) {
    }

    record LegalRepresentativeRequest(@NotBlank @Size(max = 100) String name, @NotBlank String identityNumber) {
    }

    /**
     * One step. {@code action}: NOTIFY, OBJECT (reason = the subject's statement), ANSWER_OBJECTION (with
     * {@code upheld}), LIST, EXTEND (with {@code years}), REMOVE (with {@code ground}), WITHDRAW.
     */
    record StepRequest(@NotNull Action action, @NotBlank @Size(max = 4000) String reason, Boolean upheld, Integer years,
                       String ground) {
    }

    @PostMapping("/api/v1/list-entries")
    @Operation(summary = "Propose a list entry (due process starts: notify, objection window, then list)")
    Mono<ResponseEntity<ListEntry>> propose(@Valid @RequestBody ProposeRequest request, Caller caller) {
        ListType type = catalogue.listType(request.listType()).orElseThrow(() -> CatalogueProblems.unknownListType(catalogue,
                request.listType()));
        String authority = requireAuthority(caller, type, "propose entries of");
        SubjectRef subject = SubjectRef.of(request.uscc(), request.identityNumber(), keys, entries.today());
        if (!type.subjectKinds().contains(subject.kind())) {
            throw ProblemException.badRequest("subject-kind-not-listable", "Subject kind not listable",
                    type.code() + " lists only " + type.subjectKinds() + ", not " + subject.kind()).with("listType", type.code());
        }
        LegalRepresentative representative = null;
        if (request.legalRepresentative() != null) {
            if (!SubjectRef.LEGAL_PERSON.equals(subject.kind())) {
                throw ProblemException.badRequest("validation", "Invalid request",
                        "legalRepresentative is given only for a legal person (uscc)");
            }
            SubjectRef person = SubjectRef.of(null, request.legalRepresentative().identityNumber(), keys, entries.today());
            representative = new LegalRepresentative(request.legalRepresentative().name(), person.id(), person.maskedIdentityNumber());
        }
        EntryService.Proposal proposal = new EntryService.Proposal(subject.id(), subject.kind(), request.subjectName(),
                subject.maskedIdentityNumber(), type, request.facts(), request.legalBasis(), request.decisionNumber(), authority,
                null, representative, request.reason() == null ? "proposed by " + authority : request.reason());
        return entries.propose(proposal, actor(caller)).map(p -> {
            if (!p.created()) {
                throw ProblemException.conflict("entry-exists", "decision " + request.decisionNumber() + " already proposed entry "
                                + p.entry().id() + " on " + type.code() + " (now " + p.entry().state() + "); read it with GET /api/v1/list-entries/"
                                + p.entry().id())
                        .with("entryId", p.entry().id()).with("state", p.entry().state().name());
            }
            return ResponseEntity.created(URI.create("/api/v1/list-entries/" + p.entry().id())).body(p.entry());
        });
    }

    /**
     * An entry as the API shows it: the entry and whether its objection is past its answer date (due
     * process is then overdue: the entry stays suspended until answered, and is counted for the alert).
     */
    record EntryView(@JsonUnwrapped ListEntry entry, boolean objectionOverdue) {
    }

    record ObjectionPage(String objection, int page, int size, List<EntryView> entries) {
    }

    @GetMapping("/api/v1/list-entries/{entryId}")
    @Operation(summary = "An entry with its whole history (entries not yet listed or withdrawn: lists:write only)")
    Mono<EntryView> get(@PathVariable String entryId, Caller caller) {
        return entries.find(entryId)
                .filter(e -> e.state().published() || caller.hasScope(Scopes.LISTS_WRITE))
                .switchIfEmpty(Mono.error(() -> notFound(entryId)))
                .map(this::view);
    }

    @GetMapping("/api/v1/list-entries")
    @Operation(summary = "Entries with an unanswered objection (objection=open), or only those past their answer date (overdue)",
            description = "For the issuing authorities (their list types) and the credit office (all), oldest answer date first; "
                    + "pages of at most 100.")
    Mono<ObjectionPage> objections(@RequestParam String objection, @RequestParam(required = false) String listType,
                                   @RequestParam(defaultValue = "0") @Min(0) int page,
                                   @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size, Caller caller) {
        if (!List.of("open", "overdue").contains(objection)) {
            throw ProblemException.badRequest("unknown-objection-filter", "Unknown objection filter",
                    "objection is open (not yet answered) or overdue (not answered by its answer date), not '" + objection + "'");
        }
        // entries under objection are not published yet: like any unpublished entry, lists:write only
        caller.requireScope(Scopes.LISTS_WRITE, "GET /api/v1/list-entries?objection=" + objection);
        List<String> types;
        if (listType != null) {
            ListType type = catalogue.listType(listType).orElseThrow(() -> CatalogueProblems.unknownListType(catalogue, listType));
            requireAuthority(caller, type, "read the objections to entries of");
            types = List.of(type.code());
        } else if (caller.kind() == ClientKind.OFFICE) {
            types = catalogue.listTypeCodes();
        } else if (caller.kind() == ClientKind.DEPARTMENT && caller.department() != null) {
            types = catalogue.listTypeCodes().stream()
                    .filter(t -> caller.department().equals(catalogue.listType(t).orElseThrow().issuingAuthority())).toList();
        } else {
            throw new ProblemException(HttpStatus.FORBIDDEN, "not-issuing-authority", "Forbidden",
                    "only issuing authorities (DEPARTMENT clients) and the credit office (OFFICE) read objections");
        }
        if (!caller.hasScope(Scopes.LISTS_WRITE)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "insufficient-scope", "Forbidden",
                    "objections to entries not yet listed need scope " + Scopes.LISTS_WRITE).with("requiredScope", Scopes.LISTS_WRITE);
        }
        LocalDate today = entries.today();
        boolean overdueOnly = "overdue".equals(objection);
        return entries.objected(types)
                .filter(e -> !overdueOnly || e.objectionOverdue(today))
                .sort(Comparator.comparing((ListEntry e) -> e.objection().answerDue()).thenComparing(ListEntry::id))
                .skip((long) page * size).take(size)
                .map(this::view).collectList()
                .map(list -> new ObjectionPage(objection, page, size, list));
    }

    @PostMapping("/api/v1/list-entries/{entryId}/steps")
    @Operation(summary = "Take one step of due process; an illegal step is 409 with the entry's current state")
    Mono<EntryView> step(@PathVariable String entryId, @Valid @RequestBody StepRequest request, Caller caller) {
        Actor actor = actor(caller);
        return entries.find(entryId)
                .switchIfEmpty(Mono.error(() -> notFound(entryId)))
                .flatMap(current -> {
                    ListType type = entries.listType(current);
                    requireAuthority(caller, type, "take steps on entries of");
                    return entries.step(entryId, e -> apply(e, type, request, actor));
                })
                .map(this::view)
                .switchIfEmpty(Mono.error(() -> notFound(entryId)))
                .onErrorMap(IllegalTransitionException.class, e -> ProblemException.conflict(e.slug(), e.getMessage())
                        .with("entryId", e.entry().id()).with("state", e.entry().state().name())
                        .with("action", request.action().name()))
                .onErrorMap(InvalidStepException.class, e -> ProblemException.badRequest("validation", "Invalid request", e.getMessage())
                        .with("errors", List.of(Map.of("field", e.field(), "message", e.getMessage()))));
    }

    private EntryView view(ListEntry e) {
        return new EntryView(e, e.objectionOverdue(entries.today()));
    }

    private ListEntry apply(ListEntry e, ListType type, StepRequest r, Actor actor) {
        var now = entries.now();
        var today = entries.today();
        return switch (r.action()) {
            case NOTIFY -> e.notify(type, actor, now, today, r.reason());
            case OBJECT -> e.object(type, actor, now, today, r.reason());
            case ANSWER_OBJECTION -> {
                if (r.upheld() == null) {
                    throw new InvalidStepException("upheld", "ANSWER_OBJECTION needs upheld: true (drop the proposal) or false (reject the objection)");
                }
                yield e.answerObjection(r.upheld(), actor, now, today, r.reason());
            }
            case LIST -> e.list(type, actor, now, today, r.reason());
            case EXTEND -> {
                if (r.years() == null) {
                    throw new InvalidStepException("years", "EXTEND needs years");
                }
                yield e.extend(type, r.years(), actor, now, r.reason());
            }
            case REMOVE -> e.remove(r.ground(), actor, now, r.reason());
            case WITHDRAW -> e.withdraw(actor, now, r.reason());
            case PROPOSE, EXPIRE -> throw new InvalidStepException("action", r.action()
                    + " is not a step a caller takes (propose with POST /api/v1/list-entries; expiry is automatic)");
        };
    }

    /** The issuing department, or the credit office; returns the authority recorded on the entry. */
    static String requireAuthority(Caller caller, ListType type, String what) {
        if (caller.kind() == ClientKind.OFFICE) {
            return "OFFICE";
        }
        if (caller.kind() == ClientKind.DEPARTMENT && caller.department() != null && caller.department().equals(type.issuingAuthority())) {
            return caller.department();
        }
        String who = type.issuingAuthority() == null ? "the credit office (OFFICE clients)"
                : "the issuing authority " + type.issuingAuthority() + " (its DEPARTMENT clients) or the credit office";
        throw new ProblemException(HttpStatus.FORBIDDEN, "not-issuing-authority", "Forbidden",
                "only " + who + " may " + what + " " + type.code()).with("listType", type.code())
                .with("issuingAuthority", type.issuingAuthority());
    }

    private static Actor actor(Caller caller) {
        return new Actor(caller.clientId(), caller.kind().name() + (caller.department() == null ? "" : ":" + caller.department()));
    }

    private static ProblemException notFound(String entryId) {
        return ProblemException.notFound("entry-not-found", "no list entry " + entryId + " that you may read");
    }
}
