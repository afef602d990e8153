package org.opencredit.enterprise.subject;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/enterprises")
@Tag(name = "Subjects", description = "Legal-person subjects keyed by Unified Social Credit Code")
class SubjectController {

    private final SubjectService subjects;

    SubjectController(SubjectService subjects) {
        this.subjects = subjects;
    }

    @PostMapping
    @Operation(summary = "Register a legal-person subject",
            description = "Authority, entity kind, organisation code (and region unless given) are derived from the USCC. "
                    + "400 problem+json names what is wrong with the code; 409 if it is already registered.")
    Mono<ResponseEntity<Subject>> register(@Valid @RequestBody RegisterSubjectRequest request) {
        return subjects.register(request)
                .map(s -> ResponseEntity.created(URI.create("/api/v1/enterprises/" + s.uscc())).body(s));
    }

    @PatchMapping("/{uscc}")
    @Operation(summary = "Change a subject's registry data",
            description = "Only the fields given change; a new name keeps the old one among the former names. Emits subject updated.")
    Mono<Subject> update(@PathVariable String uscc, @Valid @RequestBody UpdateSubjectRequest request) {
        return subjects.update(uscc, request);
    }

    @GetMapping("/{uscc}")
    @Operation(summary = "Read one subject by USCC")
    Mono<Subject> get(@PathVariable String uscc) {
        return subjects.find(uscc);
    }

    @GetMapping("/lookup")
    @Operation(summary = "Find subjects by a key departments still send",
            description = "A USCC, an organisation code (positions 9-17 of the USCC) or a 15-digit registration number.")
    Flux<Subject> lookup(@RequestParam String key) {
        return subjects.byKey(key);
    }

    @GetMapping
    @Operation(summary = "Search subjects by current or former name, paginated",
            description = "match=contains (default), prefix or full; sort=uscc (default) or name.")
    Flux<Subject> search(@Parameter(description = "name or part of it") @RequestParam(required = false) String name,
                         @RequestParam(defaultValue = "contains") @Pattern(regexp = "contains|prefix|full",
                                 message = "must be contains, prefix or full") String match,
                         @RequestParam(defaultValue = "uscc") @Pattern(regexp = "uscc|name", message = "must be uscc or name") String sort,
                         @RequestParam(defaultValue = "0") @Min(value = 0, message = "must be 0 or more") int page,
                         @RequestParam(defaultValue = "50") @Min(value = 1, message = "must be at least 1")
                         @Max(value = 500, message = "must be at most 500") int size) {
        return subjects.search(name, SubjectService.NameMatch.valueOf(match.toUpperCase()), page, size, sort);
    }
}
