package org.opencredit.rating.job;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.opencredit.chassis.outbox.OutboxRelay;
import org.opencredit.chassis.problem.ProblemException;
import org.opencredit.rating.model.ModelRegistry;
import org.opencredit.rating.model.RatingModel;
import org.opencredit.rating.model.Scorer;
import org.opencredit.rating.rating.Assessment;
import org.opencredit.rating.rating.RatedSubject;
import org.opencredit.rating.rating.RatingService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Re-rating jobs. Activating a model starts one: phase RUNNING computes every subject's candidate
 * rating under the new model in id order, in batches written with one bulk update each, while the
 * old model stays current; then the new model becomes active for all subjects at once (one write of
 * the kind's model state), and phase PROMOTING turns candidates into current ratings, with history
 * and {@code rating changed} events where score or grade changed. Progress is saved after every
 * batch; a job whose runner died (its lease ran out) is resumed from its cursor by any instance.
 */
public class RerateJobs {

    private static final Logger log = LoggerFactory.getLogger(RerateJobs.class);
    private static final Duration LEASE = Duration.ofSeconds(60);

    private final ReactiveMongoTemplate mongo;
    private final ModelRegistry models;
    private final RatingService ratings;
    private final OutboxRelay relay;
    private final int batchSize;
    private final boolean autostart;
    private final String instance = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Disposable> running = new ConcurrentHashMap<>();
    private final Map<String, RerateJob> latest = new ConcurrentHashMap<>();
    private final Counter rated;

    public RerateJobs(ReactiveMongoTemplate mongo, ModelRegistry models, RatingService ratings, OutboxRelay relay, MeterRegistry registry,
                      int batchSize, boolean autostart) {
        this.autostart = autostart;
        this.mongo = mongo;
        this.models = models;
        this.ratings = ratings;
        this.relay = relay;
        this.batchSize = batchSize;
        this.rated = Counter.builder("opencredit.rating.job.subjects.rated")
                .description("Subjects a re-rating job computed or promoted a rating for").register(registry);
        for (String kind : models.kinds()) {
            Gauge.builder("opencredit.rating.job.done", latest, m -> value(m.get(kind), j -> (double) j.done()))
                    .tag("subjectKind", kind).description("Subjects done in the current phase of the latest re-rating job").register(registry);
            Gauge.builder("opencredit.rating.job.subjects", latest, m -> value(m.get(kind), j -> (double) j.total()))
                    .tag("subjectKind", kind).description("Subjects the latest re-rating job covers").register(registry);
            Gauge.builder("opencredit.rating.job.rate", latest, m -> value(m.get(kind), j -> j.active() ? j.rate() : 0))
                    .tag("subjectKind", kind).baseUnit("subjects_per_second").register(registry);
            Gauge.builder("opencredit.rating.job.eta", latest, m -> value(m.get(kind), j -> {
                        JobView v = JobView.of(j);
                        return v.etaSeconds() == null ? Double.NaN : v.etaSeconds();
                    }))
                    .tag("subjectKind", kind).baseUnit("seconds").register(registry);
            Gauge.builder("opencredit.rating.job.running", latest, m -> value(m.get(kind), j -> j.active() ? 1 : 0))
                    .tag("subjectKind", kind).description("1 while a re-rating job is under way").register(registry);
        }
    }

    private static double value(RerateJob j, java.util.function.ToDoubleFunction<RerateJob> f) {
        return j == null ? 0 : f.applyAsDouble(j);
    }

    /** Activates {@code modelKey}: starts its job and returns it (running in the background). */
    public Mono<RerateJob> activate(String modelKey, String by) {
        RatingModel model = models.find(modelKey).orElseThrow(() -> ProblemException.notFound("model-not-found",
                "no rating model " + modelKey + "; GET /api/v1/rating-models lists them"));
        String kind = model.subjectKind();
        String from = models.active(kind).key();
        if (from.equals(modelKey)) {
            return Mono.error(ProblemException.conflict("model-already-active", modelKey + " is already the active model for " + kind));
        }
        String id = "job-" + UUID.randomUUID().toString().substring(0, 12);
        Instant now = ratings.now();
        return mongo.count(Query.query(where("subjectKind").is(kind)), RatedSubject.COLLECTION)
                .flatMap(total -> models.beginRollout(kind, modelKey, id)
                        .onErrorMap(IllegalStateException.class, e -> ProblemException.conflict("rollout-under-way",
                                "a re-rating job is already rolling out " + models.state(kind).candidate() + " for " + kind
                                        + " (job " + models.state(kind).jobId() + "); wait for it or cancel it"))
                        .then(mongo.insert(new RerateJob(id, kind, from, modelKey, RerateJob.RUNNING, total, 0, null, 0, 0, now, now,
                                null, null, by, null, now, null, 0, 0, now), RerateJob.COLLECTION)))
                .doOnNext(job -> {
                    latest.put(kind, job);
                    log.info("re-rating job {} started: {} -> {} over {} {} subjects", id, from, modelKey, job.total(), kind);
                    if (autostart) {
                        resume(id, Long.MAX_VALUE);
                    }
                });
    }

    public Mono<RerateJob> find(String id) {
        return mongo.findById(id, RerateJob.class, RerateJob.COLLECTION);
    }

    public Flux<RerateJob> all() {
        return mongo.find(new Query().with(Sort.by(Sort.Direction.DESC, "startedAt")).limit(100), RerateJob.class, RerateJob.COLLECTION);
    }

    /** Cancels a job still computing candidates; the old model stays active. */
    public Mono<RerateJob> cancel(String id) {
        return find(id).flatMap(job -> {
            if (!RerateJob.RUNNING.equals(job.state())) {
                return Mono.error(ProblemException.conflict("job-not-cancellable", "job " + id + " is " + job.state()
                        + "; only a job still computing candidates (RUNNING) can be cancelled"));
            }
            Disposable d = running.remove(id);
            if (d != null) {
                d.dispose();
            }
            return mongo.findAndModify(Query.query(where("_id").is(id).and("state").is(RerateJob.RUNNING)),
                            new Update().set("state", RerateJob.CANCELLED).set("completedAt", ratings.now()).set("updatedAt", ratings.now()),
                            FindAndModifyOptions.options().returnNew(true), RerateJob.class, RerateJob.COLLECTION)
                    .flatMap(j -> models.abandon(j.subjectKind(), id).thenReturn(j))
                    .doOnNext(j -> latest.put(j.subjectKind(), j));
        });
    }

    /**
     * Claims the job (if no live runner holds it) and runs it in the background from its cursor;
     * {@code maxBatches} bounds the work (tests stop a job midway to resume it, as after a crash).
     */
    public void resume(String id, long maxBatches) {
        Disposable d = claim(id).flatMap(job -> run(job, maxBatches))
                .subscribeOn(Schedulers.boundedElastic())
                .doFinally(s -> running.remove(id))
                .subscribe(j -> {
                }, e -> log.error("re-rating job {} stopped: {}", id, e.toString(), e));
        running.put(id, d);
    }

    /** Runs the job in the caller's subscription (for tests and the resume sweep). */
    public Mono<RerateJob> runNow(String id, long maxBatches) {
        return claim(id).flatMap(job -> run(job, maxBatches));
    }

    /** Resumes active jobs whose runner's lease ran out (a crashed instance); emits how many. */
    public Mono<Long> resumeAbandoned() {
        Instant now = ratings.now();
        return mongo.find(Query.query(where("state").in(RerateJob.RUNNING, RerateJob.PROMOTING).and("leaseUntil").lt(now)),
                        RerateJob.class, RerateJob.COLLECTION)
                .filter(j -> !running.containsKey(j.id()))
                .doOnNext(j -> {
                    log.info("resuming re-rating job {} ({} of {} done in phase {})", j.id(), j.done(), j.total(), j.state());
                    resume(j.id(), Long.MAX_VALUE);
                })
                .count();
    }

    private Mono<RerateJob> claim(String id) {
        Instant now = ratings.now();
        Query free = Query.query(where("_id").is(id).and("state").in(RerateJob.RUNNING, RerateJob.PROMOTING)
                .orOperator(where("leaseUntil").lt(now), where("owner").is(instance), where("owner").is(null)));
        return mongo.findAndModify(free, new Update().set("owner", instance).set("leaseUntil", now.plus(LEASE)).inc("runs", 1)
                        .set("updatedAt", now), FindAndModifyOptions.options().returnNew(true), RerateJob.class, RerateJob.COLLECTION)
                .flatMap(j -> mongo.findAndModify(Query.query(where("_id").is(id)),
                        new Update().set("phaseStartedDone", j.done()).set("phaseStartedAt", now),
                        FindAndModifyOptions.options().returnNew(true), RerateJob.class, RerateJob.COLLECTION));
    }

    private Mono<RerateJob> run(RerateJob job, long maxBatches) {
        AtomicLong batches = new AtomicLong();
        if (RerateJob.RUNNING.equals(job.state())) {
            RatingModel model = models.find(job.toModel()).orElseThrow();
            return phase(job, maxBatches, batches, batch -> candidates(batch, model))
                    .flatMap(j -> batches.get() >= maxBatches && !finished(j) ? Mono.just(j) : switchModel(j)
                            .flatMap(switched -> run(switched, maxBatches - batches.get())));
        }
        if (RerateJob.PROMOTING.equals(job.state())) {
            return phase(job, maxBatches, batches, batch -> promote(batch, job))
                    .flatMap(j -> batches.get() >= maxBatches && !finished(j) ? Mono.just(j) : complete(j));
        }
        return Mono.just(job);
    }

    private boolean finished(RerateJob j) {
        return j.done() >= j.total();
    }

    /**
     * One pass over the kind's subjects after the job's cursor, in id order, a bulk write per batch.
     * The pass streams only the ids (one sorted, id-only query: real MongoDB walks the {@code _id} index,
     * the embedded server sorts small documents) and loads each batch's subjects by id, so neither the
     * store nor this process ever holds more than one batch of whole subject documents for the job.
     */
    private Mono<RerateJob> phase(RerateJob job, long maxBatches, AtomicLong batches,
                                  java.util.function.Function<List<RatedSubject>, Mono<Long>> work) {
        Criteria c = where("subjectKind").is(job.subjectKind());
        if (job.cursor() != null) {
            c = c.and("_id").gt(job.cursor());
        }
        Query ids = Query.query(c).with(Sort.by("_id"));
        ids.fields().include("_id");
        return mongo.find(ids, Document.class, RatedSubject.COLLECTION)
                .map(d -> d.getString("_id"))
                .buffer(batchSize)
                .concatMap(batchIds -> load(batchIds)
                        .flatMap(batch -> batch.isEmpty() ? Mono.just(0L) : work.apply(batch))
                        .flatMap(changed -> progress(job.id(), batchIds.get(batchIds.size() - 1), batchIds.size(), changed)), 1)
                .takeUntil(j -> batches.incrementAndGet() >= maxBatches)
                .last(job)
                .flatMap(j -> find(j.id()));
    }

    /**
     * A batch's subjects by id (one {@code $in} on the unique {@code _id} index), in id order, with what the job
     * uses: facts, lock, and the current rating's score, grade and dates (the job recomputes explanations).
     */
    private Mono<List<RatedSubject>> load(List<String> ids) {
        Query query = Query.query(where("_id").in(ids)).with(Sort.by("_id"));
        query.fields().exclude("history").exclude("outbox").exclude("candidate").exclude("current.factors")
                .exclude("current.dimensions");
        return mongo.find(query, RatedSubject.class, RatedSubject.COLLECTION).collectList();
    }

    /** Candidate ratings under the new model for a batch; returns how many differ from the current rating. */
    private Mono<Long> candidates(List<RatedSubject> batch, RatingModel model) {
        LocalDate today = ratings.today();
        Instant now = ratings.now();
        var bulk = mongo.bulkOps(BulkMode.UNORDERED, RatedSubject.class, RatedSubject.COLLECTION);
        long changed = 0;
        for (RatedSubject s : batch) {
            Assessment candidate = Assessment.of(Scorer.rate(model, s.records(), s.lists(), today), now,
                    "model " + model.key() + " activated").slim();
            if (candidate.differsFrom(s.current())) {
                changed++;
            }
            LocalDate due = s.current() == null ? candidate.nextChangeOn() : earliest(s.current().nextChangeOn(), candidate.nextChangeOn());
            bulk.updateOne(Query.query(where("lock").is(s.lock())), new Update().set("candidate", candidate).set("nextReviewOn", due));
        }
        rated.increment(batch.size());
        long differing = changed;
        return bulk.execute().flatMap(r -> r.getMatchedCount() == batch.size() ? Mono.just(differing)
                // some subjects changed meanwhile: their own update computed the candidate if it saw the rollout; make sure
                : retryStale(batch, model.key()).thenReturn(differing));
    }

    /** Promotes a batch's candidates: the new model's rating becomes current, with history and events where it changed. */
    private Mono<Long> promote(List<RatedSubject> batch, RerateJob job) {
        String reason = "model " + job.toModel() + " activated (re-rating job " + job.id() + ")";
        var bulk = mongo.bulkOps(BulkMode.UNORDERED, RatedSubject.class, RatedSubject.COLLECTION);
        long changed = 0;
        List<String> withEvents = new ArrayList<>();
        for (RatedSubject s : batch) {
            RatingService.Rerated next = ratings.rerate(s, reason);
            RatedSubject r = next.subject();
            if (!next.events().isEmpty()) {
                changed++;
                withEvents.add(s.subject());
            }
            long version = s.version() + 1;
            Update update = new Update().set("current", r.current()).unset("candidate").set("nextReviewOn", r.nextReviewOn())
                    .set("version", version).set("lock", RatedSubject.lockOf(s.subject(), version)).set("updatedAt", r.updatedAt());
            if (!next.events().isEmpty()) {
                update.push("outbox").each(next.events().toArray());
                update.push("history").each(r.history().get(r.history().size() - 1));
            }
            bulk.updateOne(Query.query(where("lock").is(s.lock())), update);
        }
        rated.increment(batch.size());
        long differing = changed;
        return bulk.execute()
                .flatMap(r -> r.getMatchedCount() == batch.size() ? Mono.just(differing) : retryStale(batch, job.toModel()).thenReturn(differing))
                .doOnNext(c -> withEvents.forEach(id -> relay.relaySoon(RatedSubject.COLLECTION, id)));
    }

    /** Re-rates, through the normal conditional update, subjects of a batch that changed under the bulk write. */
    private Mono<Void> retryStale(List<RatedSubject> batch, String model) {
        List<String> ids = batch.stream().map(RatedSubject::subject).toList();
        Query query = Query.query(where("_id").in(ids));
        return mongo.find(query, RatedSubject.class, RatedSubject.COLLECTION)
                .filter(s -> !(model.equals(s.current() == null ? null : s.current().model()))
                        && (s.candidate() == null || !model.equals(s.candidate().model())))
                .concatMap(s -> ratings.update(s.subject(), s.subjectKind(), x -> x, "model " + model + " activated"))
                .then();
    }

    private Mono<RerateJob> progress(String id, String cursor, int count, long changed) {
        Instant now = ratings.now();
        return mongo.findAndModify(Query.query(where("_id").is(id)),
                        new Update().set("cursor", cursor).inc("done", count).inc("changed", changed).set("updatedAt", now)
                                .set("leaseUntil", now.plus(LEASE)),
                        FindAndModifyOptions.options().returnNew(true), RerateJob.class, RerateJob.COLLECTION)
                .flatMap(j -> {
                    double seconds = Math.max(0.001, Duration.between(j.phaseStartedAt(), now).toMillis() / 1000.0);
                    double rate = (j.done() - j.phaseStartedDone()) / seconds;
                    return mongo.findAndModify(Query.query(where("_id").is(id)), new Update().set("rate", rate),
                            FindAndModifyOptions.options().returnNew(true), RerateJob.class, RerateJob.COLLECTION);
                })
                .doOnNext(j -> latest.put(j.subjectKind(), j));
    }

    private Mono<RerateJob> switchModel(RerateJob job) {
        Instant now = ratings.now();
        return models.switchTo(job.subjectKind(), job.id(), now)
                .then(mongo.findAndModify(Query.query(where("_id").is(job.id()).and("state").is(RerateJob.RUNNING)),
                        new Update().set("state", RerateJob.PROMOTING).set("switchedAt", now).set("cursor", null).set("done", 0)
                                .set("changed", 0).set("phaseStartedDone", 0).set("phaseStartedAt", now).set("updatedAt", now),
                        FindAndModifyOptions.options().returnNew(true), RerateJob.class, RerateJob.COLLECTION))
                .doOnNext(j -> {
                    latest.put(j.subjectKind(), j);
                    log.info("re-rating job {}: {} is now active for every {} subject; promoting candidates", j.id(), j.toModel(),
                            j.subjectKind());
                });
    }

    private Mono<RerateJob> complete(RerateJob job) {
        Instant now = ratings.now();
        return mongo.findAndModify(Query.query(where("_id").is(job.id())),
                        new Update().set("state", RerateJob.COMPLETED).set("completedAt", now).set("updatedAt", now).set("owner", null),
                        FindAndModifyOptions.options().returnNew(true), RerateJob.class, RerateJob.COLLECTION)
                .doOnNext(j -> {
                    latest.put(j.subjectKind(), j);
                    log.info("re-rating job {} completed: {} subjects, {} changed score or grade", j.id(), j.done(), j.changed());
                });
    }

    private static LocalDate earliest(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
