package org.opencredit.enterprise.subject;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
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
            description = "Authority, entity kind, region and organisation code are derived from the USCC. "
                    + "400 problem+json names what is wrong with the code; 409 if it is already registered.")
    Mono<ResponseEntity<Subject>> register(@Valid @RequestBody RegisterSubjectRequest request) {
        return subjects.register(request)
                .map(s -> ResponseEntity.created(URI.create("/api/v1/enterprises/" + s.uscc())).body(s));
    }

    @GetMapping("/{uscc}")
    @Operation(summary = "Read one subject by USCC")
    Mono<Subject> get(@PathVariable String uscc) {
        return subjects.find(uscc);
    }

    @GetMapping
    @Operation(summary = "List subjects, ordered by USCC")
    Flux<Subject> list(@RequestParam(defaultValue = "0") @Min(value = 0, message = "must be 0 or more") int page,
                       @RequestParam(defaultValue = "50") @Min(value = 1, message = "must be at least 1")
                       @Max(value = 500, message = "must be at most 500") int size) {
        return subjects.list(page, size);
    }
}
