package org.opencredit.rating.job;

import java.util.Comparator;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.opencredit.chassis.problem.ProblemException;
import org.opencredit.chassis.security.Caller;
import org.opencredit.rating.model.ModelLoader;
import org.opencredit.rating.model.ModelRegistry;
import org.opencredit.rating.model.RatingModel;
import org.opencredit.rating.rating.RatingService;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "Rating models and re-rating jobs", description = "Versioned scorecards; activating one re-rates every subject in the background")
class ModelController {

    private final ModelRegistry models;
    private final RerateJobs jobs;
    private final RatingService ratings;

    ModelController(ModelRegistry models, RerateJobs jobs, RatingService ratings) {
        this.models = models;
        this.jobs = jobs;
        this.ratings = ratings;
    }

    /** A model as listed: its key, kind, and whether it is active or being rolled out. */
    record ModelSummary(String key, String id, String version, String subjectKind, String name, String status) {
    }

    @GetMapping("/api/v1/rating-models")
    @Operation(summary = "The rating models this service knows, with the active one per subject kind")
    List<ModelSummary> list() {
        return models.all().stream().sorted(Comparator.comparing(RatingModel::key)).map(m -> {
            ModelRegistry.KindState s = models.state(m.subjectKind());
            String status = m.key().equals(s.active()) ? "ACTIVE" : m.key().equals(s.candidate()) ? "ROLLING_OUT" : "AVAILABLE";
            return new ModelSummary(m.key(), m.id(), m.version(), m.subjectKind(), m.name(), status);
        }).toList();
    }

    @GetMapping("/api/v1/rating-models/{key}")
    @Operation(summary = "One model in full (dimensions, points, decay, overrides, grade thresholds)",
            description = "The key is id@version, e.g. enterprise@2026.1")
    RatingModel get(@PathVariable String key) {
        return models.find(key).orElseThrow(() -> ProblemException.notFound("model-not-found",
                "no rating model " + key + "; GET /api/v1/rating-models lists them"));
    }

    @PostMapping(path = "/api/v1/rating-models", consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain"})
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Upload a new model version (YAML, as the shipped models/*.yaml)",
            description = "Validated against the catalogue; every problem is listed. Uploading does not activate it. Needs ratings:admin.")
    Mono<RatingModel> upload(@RequestBody String yaml, @Parameter(hidden = true) Caller caller) {
        return Mono.defer(() -> models.upload(yaml, caller.clientId(), ratings.now()))
                .onErrorMap(ModelLoader.InvalidModelException.class, e -> ProblemException.badRequest("invalid-model",
                        "Invalid rating model", String.join("; ", e.problems())).with("problems", e.problems()))
                .onErrorMap(DuplicateKeyException.class, e -> ProblemException.conflict("model-exists",
                        "a model " + e.getMessage() + " exists already; models are immutable, upload a new version"));
    }

    @PostMapping("/api/v1/rating-models/{key}/activation")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Activate a model: starts a re-rating job over every subject of its kind",
            description = "The previous model stays current until the job has computed every subject's rating under the new one; "
                    + "then all switch together. Follow progress at /api/v1/rating-jobs/{id}. Needs ratings:admin.")
    Mono<JobView> activate(@PathVariable String key, @Parameter(hidden = true) Caller caller) {
        return jobs.activate(key, caller.clientId()).map(JobView::of);
    }

    @GetMapping("/api/v1/rating-jobs")
    @Operation(summary = "Re-rating jobs, newest first")
    Flux<JobView> jobs() {
        return jobs.all().map(JobView::of);
    }

    @GetMapping("/api/v1/rating-jobs/{id}")
    @Operation(summary = "A re-rating job's progress: done/total, rate, ETA, phase")
    Mono<JobView> job(@PathVariable String id) {
        return jobs.find(id).map(JobView::of).switchIfEmpty(Mono.error(() -> ProblemException.notFound("job-not-found",
                "no re-rating job " + id + "; GET /api/v1/rating-jobs lists them")));
    }

    @PostMapping("/api/v1/rating-jobs/{id}/cancellation")
    @Operation(summary = "Cancel a job still computing candidates; the previous model stays active")
    Mono<JobView> cancel(@PathVariable String id) {
        return jobs.cancel(id).map(JobView::of).switchIfEmpty(Mono.error(() -> ProblemException.notFound("job-not-found",
                "no re-rating job " + id)));
    }
}
