package org.opencredit.rating.rating;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.opencredit.chassis.problem.ProblemException;
import org.opencredit.chassis.security.Caller;
import org.opencredit.chassis.security.SecurityProblems;
import org.opencredit.contracts.security.Purposes;
import org.opencredit.contracts.security.Scopes;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/ratings")
@Tag(name = "Ratings", description = "Current ratings with their explanation, rating history, human review")
class RatingController {

    private final RatingService ratings;
    private final ReviewService reviews;

    RatingController(RatingService ratings, ReviewService reviews) {
        this.ratings = ratings;
        this.reviews = reviews;
    }

    @GetMapping("/{subject}")
    @Operation(summary = "Current rating of a subject, with its explanation",
            description = "The subject is a USCC or a person's opaque reference (personRef from personal-credit-service). "
                    + "Every factor names the record or list entry behind it. A person's rating needs a declared purpose (X-Purpose).")
    Mono<RatingView> get(@PathVariable String subject, @Parameter(hidden = true) Caller caller) {
        return rated(subject, caller).map(s -> RatingView.of(s, ratings.visible(s).orElseThrow()));
    }

    @GetMapping("/{subject}/history")
    @Operation(summary = "Every change of the subject's score or grade, newest first, with the reason and the factors")
    Mono<List<HistoryEntry>> history(@PathVariable String subject, @Parameter(hidden = true) Caller caller) {
        return rated(subject, caller).map(s -> {
            List<HistoryEntry> newestFirst = new java.util.ArrayList<>(s.history());
            java.util.Collections.reverse(newestFirst);
            return newestFirst;
        });
    }

    /** A request for a human review of the rating. */
    record ReviewRequest(@NotBlank @Size(max = 2000) String grounds) {
    }

    /** A reviewer's conclusion. */
    record ReviewConclusion(@NotBlank @Pattern(regexp = "CONFIRMED|CORRECTED", message = "must be CONFIRMED or CORRECTED") String outcome,
                            @NotBlank @Size(max = 2000) String conclusion) {
    }

    @PostMapping("/{subject}/review-requests")
    @Operation(summary = "Ask for a human review of the rating",
            description = "Marks the rating UNDER_REVIEW and emits a review-requested event on opencredit.rating. "
                    + "One review at a time: 409 while one is open.")
    Mono<RatingView> requestReview(@PathVariable String subject, @Valid @RequestBody ReviewRequest request,
                                   @Parameter(hidden = true) Caller caller) {
        return rated(subject, caller).flatMap(s -> reviews.request(s, caller.clientId(), request.grounds()))
                .map(s -> RatingView.of(s, ratings.visible(s).orElseThrow()));
    }

    @PostMapping("/{subject}/review-requests/current/conclusion")
    @Operation(summary = "Conclude the open review (credit office)",
            description = "CONFIRMED: the rating stands. CORRECTED: the reviewer found a fact wrong; the source department "
                    + "corrects the record, which re-rates the subject. Needs ratings:admin.")
    Mono<RatingView> conclude(@PathVariable String subject, @Valid @RequestBody ReviewConclusion request,
                              @Parameter(hidden = true) Caller caller) {
        caller.requireScope(Scopes.RATINGS_ADMIN, "POST /api/v1/ratings/{subject}/review-requests/current/conclusion");
        return rated(subject, caller).flatMap(s -> reviews.conclude(s, caller.clientId(), request.outcome(), request.conclusion()))
                .map(s -> RatingView.of(s, ratings.visible(s).orElseThrow()));
    }

    private Mono<RatedSubject> rated(String subject, Caller caller) {
        if (subject == null || !subject.matches("[0-9A-Za-z_\\-]{1,64}")) {
            return Mono.error(ProblemException.badRequest("invalid-subject", "Invalid subject",
                    "the subject must be a USCC or a personRef (letters, digits, '-' and '_', at most 64)"));
        }
        return ratings.find(subject)
                .filter(s -> ratings.visible(s).isPresent())
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("subject-not-rated",
                                "rating-service has no rating for " + subject + "; a legal person is rated once its registration "
                                        + "or a record about it arrives, a person once a record about them arrives")
                        .with("subject", subject)))
                .doOnNext(s -> {
                    if (RatedSubject.NATURAL_PERSON.equals(s.subjectKind())
                            && (caller.purpose() == null || !Purposes.ALL.contains(caller.purpose()))) {
                        throw new ProblemException(HttpStatus.FORBIDDEN, SecurityProblems.FORBIDDEN, "Purpose required",
                                "a person's rating is personal information: declare why you read it in the X-Purpose header, one of "
                                        + Purposes.ALL.stream().sorted().toList())
                                .with("subject", subject);
                    }
                });
    }
}
