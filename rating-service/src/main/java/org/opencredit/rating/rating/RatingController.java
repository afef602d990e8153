package org.opencredit.rating.rating;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.opencredit.chassis.problem.ProblemException;
import org.opencredit.contracts.identifier.Uscc;
import org.opencredit.rating.subject.SubjectReadModel;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/ratings")
@Tag(name = "Ratings", description = "Current ratings of subjects")
class RatingController {

    private final SubjectReadModel subjects;

    RatingController(SubjectReadModel subjects) {
        this.subjects = subjects;
    }

    @GetMapping("/{uscc}")
    @Operation(summary = "Current rating of a legal-person subject",
            description = "Answered from rating-service's own read model; 404 until the subject's registration has arrived.")
    Mono<RatingView> get(@PathVariable String uscc) {
        Uscc code = Uscc.parse(uscc);
        return subjects.find(code.value())
                .map(s -> new RatingView(s.uscc(), s.name(), s.entityKind(), s.regionCode(), null, RatingView.NOT_YET_RATED,
                        null, s.registeredAt()))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("subject-not-known",
                        "rating-service knows no subject with USCC " + code.value()
                                + "; register it with POST /api/v1/enterprises (it arrives here within seconds)")
                        .with("uscc", code.value())));
    }
}
