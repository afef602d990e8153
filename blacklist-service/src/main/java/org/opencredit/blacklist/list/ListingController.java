package org.opencredit.blacklist.list;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.opencredit.blacklist.subject.SubjectDirectory;
import org.opencredit.chassis.problem.ProblemException;
import org.opencredit.contracts.identifier.Uscc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/lists")
@Tag(name = "Lists", description = "List entries of subjects")
class ListingController {

    private final SubjectDirectory subjects;

    ListingController(SubjectDirectory subjects) {
        this.subjects = subjects;
    }

    @GetMapping("/subjects/{uscc}")
    @Operation(summary = "The lists a legal-person subject is on",
            description = "Answered from blacklist-service's own directory; 404 until the subject's registration has arrived.")
    Mono<SubjectListing> get(@PathVariable String uscc) {
        Uscc code = Uscc.parse(uscc);
        return subjects.find(code.value())
                .map(s -> new SubjectListing(s.uscc(), s.name(), s.entityKind(), s.regionCode(), List.of(), false))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("subject-not-known",
                        "blacklist-service knows no subject with USCC " + code.value()
                                + "; register it with POST /api/v1/enterprises (it arrives here within seconds)")
                        .with("uscc", code.value())));
    }
}
