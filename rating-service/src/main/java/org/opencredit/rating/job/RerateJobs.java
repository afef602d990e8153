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
import reactor.util.function.Tuples;

/**
 * Re-rating jobs. Activating a model starts one: phase RUNNING computes every subject's candidate
 * rating under the new model in id order, in batches written with one bulk update each, while the
 * old model stays current; then the new model becomes active for all subjects at once (one write of
 * the kind's model state), and phase PROMOTING turns the candidates whose score or grade differs
 * from the current rating into current ratings, with history and {@code rating changed} events.
 * A subject the new model rates the same keeps its candidate: readers see it (explained) as the
 * rating once its model is active, and the next job's candidates phase, or the subject's next
 * event, makes it current. Progress is saved after every batch; a job whose runner died (its
 * lease ran out) is resumed from its cursor by any instance.
 */
public class RerateJobs {

    private static final Logger log = LoggerFactory.getLogger(RerateJobs.class);
    private static final Duration LEASE = Duration.ofSeconds(60);
    /** Batches a job works on at once. */
    private static final int IN_FLIGHT = 2;

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
                        // the previous job releases the rollout when its model becomes active, but it still promotes its
                        // candidates until it completes: a new rollout then would replace candidates not yet promoted
                        .then(previousStillActive(kind, id))
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

    /**
     * Fails with a 409 problem, and gives up the rollout {@code id} just began, while another job of the kind is still
     * running or promoting.
     */
    private Mono<Void> previousStillActive(String kind, String id) {
        return mongo.findOne(Query.query(where("subjectKind").is(kind).and("state").in(RerateJob.RUNNING, RerateJob.PROMOTING)),
                        RerateJob.class, RerateJob.COLLECTION)
                .flatMap(previous -> models.abandon(kind, id).then(Mono.<Void>error(ProblemException.conflict("previous-job-active",
                        "re-rating job " + previous.id() + " (" + previous.fromModel() + " -> " + previous.toModel() + ") is still "
                                + previous.state() + " for " + kind + ", " + previous.done() + " of " + previous.total()
                                + " subjects done in this phase; activate " + "another model when it has completed (GET /api/v1/rating-jobs/"
                                + previous.id() + ")"))))
                .then();
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
            return phase(job, maxBatches, batches, List.of(), ids -> load(ids.stream().map(d -> d.getString("_id")).toList()).flatMap(batch -> candidates(batch, model)))
                    .flatMap(j -> batches.get() >= maxBatches && !finished(j) ? Mono.just(j) : switchModel(j)
                            .flatMap(switched -> run(switched, maxBatches - batches.get())));
        }
        if (RerateJob.PROMOTING.equals(job.state())) {
            // only subjects whose candidate of this job's model differs from their current rating (read with the ids)
            return phase(job, maxBatches, batches, PROMOTION_FIELDS, ids -> {
                List<String> differing = ids.stream().filter(d -> differs(d, job.toModel())).map(d -> d.getString("_id")).toList();
                return differing.isEmpty() ? Mono.just(0L) : load(differing).flatMap(batch -> promote(batch, job));
            })
                    .flatMap(j -> batches.get() >= maxBatches && !finished(j) ? Mono.just(j) : complete(j));
        }
        return Mono.just(job);
    }

    private boolean finished(RerateJob j) {
        return j.done() >= j.total();
    }

    /** What the promotion phase reads with each id to tell whether the subject needs promoting. */
    private static final List<String> PROMOTION_FIELDS = List.of("current.model", "current.score", "current.grade", "candidate.model",
            "candidate.score", "candidate.grade");

    /** Whether a subject (its {@link #PROMOTION_FIELDS}) holds a candidate of {@code model} that differs from its current rating. */
    static boolean differs(Document d, String model) {
        Document candidate = d.get("candidate", Document.class);
        if (candidate == null || !model.equals(candidate.getString("model"))) {
            return false;
        }
        Document current = d.get("current", Document.class);
        return current == null || !java.util.Objects.equals(current.get("score"), candidate.get("score"))
                || !java.util.Objects.equals(current.getString("grade"), candidate.getString("grade"));
    }

    /**
     * One pass over the kind's subjects after the job's cursor, in id order, a bulk write per batch.
     * The pass streams only the ids and {@code fields} (one sorted query of small documents: real MongoDB
     * walks the {@code _id} index, the embedded server sorts small documents) and {@code work} loads what it
     * needs of each batch by id, so neither the store nor this process ever holds more than one batch of
     * whole subject documents for the job.
     */
    private Mono<RerateJob> phase(RerateJob job, long maxBatches, AtomicLong batches, List<String> fields,
                                  java.util.function.Function<List<Document>, Mono<Long>> work) {
        Criteria c = where("subjectKind").is(job.subjectKind());
        if (job.cursor() != null) {
            c = c.and("_id").gt(job.cursor());
        }
        Query ids = Query.query(c).with(Sort.by("_id"));
        ids.fields().include("_id");
        fields.forEach(f -> ids.fields().include(f));
        // two batches in flight (one's store work overlaps the other's scoring); progress is saved in id order, after
        // the batch and every batch before it are written, so a resumed job never skips one (it may redo one: idempotent)
        return mongo.find(ids, Document.class, RatedSubject.COLLECTION)
                .buffer(batchSize)
                .take(maxBatches)
                .flatMapSequential(batch -> work.apply(batch).map(changed -> Tuples.of(batch, changed)), IN_FLIGHT, 1)
                .concatMap(done -> progress(job.id(), done.getT1().get(done.getT1().size() - 1).getString("_id"), done.getT1().size(),
                        done.getT2()), 1)
                .doOnNext(j -> batches.incrementAndGet())
                .last(job)
                .flatMap(j -> find(j.id()));
    }

    /**
     * A batch's subjects by id, in id order, with what the job uses: facts, lock, the current rating's score, grade
     * and dates and the (slim) candidate; the job recomputes explanations. One {@code $in} on the unique {@code _id}
     * index per {@link RatingService#IN_CHUNK} ids: the embedded store checks every document it finds against the
     * whole {@code $in} list, so one list of 1,000 costs it a million comparisons, ten lists of 100 a tenth of that.
     */
    private Mono<List<RatedSubject>> load(List<String> ids) {
        return Flux.fromIterable(RatingService.chunks(ids))
                .flatMap(chunk -> {
                    Query query = Query.query(where("_id").in(chunk));
                    query.fields().exclude("history").exclude("outbox").exclude("current.factors").exclude("current.dimensions");
                    return mongo.find(query, RatedSubject.class, RatedSubject.COLLECTION);
                }, 4)
                .collectSortedList(java.util.Comparator.comparing(RatedSubject::subject));
    }

    /** Candidate ratings under the new model for a batch; returns how many differ from the current rating. */
    private Mono<Long> candidates(List<RatedSubject> batch, RatingModel model) {
        LocalDate today = ratings.today();
        Instant now = ratings.now();
        String active = models.active(model.subjectKind()).key();
        var bulk = mongo.bulkOps(BulkMode.UNORDERED, RatedSubject.class, RatedSubject.COLLECTION);
        long changed = 0;
        List<RatedSubject> written = new ArrayList<>();
        List<RatedSubject> unpromoted = new ArrayList<>();
        for (RatedSubject s : batch) {
            Assessment carried = carriedOver(s, active);
            if (carried != null && carried.differsFrom(s.current())) {
                // the previous job has not promoted it yet: re-rated in full below (history, event), with this candidate
                unpromoted.add(s);
                if (Assessment.of(Scorer.rate(model, s.records(), s.lists(), today), now, null).differsFrom(carried)) {
                    changed++;
                }
                continue;
            }
            Assessment current = carried == null ? s.current() : new Assessment(carried.model(), carried.score(), carried.grade(),
                    carried.gradeLabel(), carried.asOf(), s.current().ratedAt(), s.current().reason(), carried.override(),
                    carried.nextChangeOn(), List.of(), List.of());
            Assessment candidate = Assessment.of(Scorer.rate(model, s.records(), s.lists(), today), now,
                    "model " + model.key() + " activated").slim();
            if (candidate.differsFrom(current)) {
                changed++;
            }
            LocalDate due = current == null ? candidate.nextChangeOn() : earliest(current.nextChangeOn(), candidate.nextChangeOn());
            Update update = new Update().set("candidate", candidate).set("nextReviewOn", due);
            if (carried != null) {
                // the active model's rating, left as a candidate by the previous job (it changed neither score nor grade),
                // becomes current as it is, still slim (readers get its explanation recomputed), before this candidate replaces it
                update.set("current", current);
            }
            bulk.updateOne(Query.query(where("lock").is(s.lock())), update);
            written.add(s);
        }
        rated.increment(batch.size());
        long differing = changed;
        Mono<Void> full = Flux.fromIterable(unpromoted)
                .concatMap(s -> ratings.update(s.subject(), s.subjectKind(), x -> x, "model " + active + " activated"))
                .then();
        if (written.isEmpty()) {
            return full.thenReturn(differing);
        }
        return bulk.execute().flatMap(r -> r.getMatchedCount() == written.size() ? Mono.just(differing)
                        // some subjects changed meanwhile: their own update computed the candidate if it saw the rollout; make sure
                        : retryStale(written, model.key()).thenReturn(differing))
                .flatMap(d -> full.thenReturn(d));
    }

    /** The active model's rating a previous job left as {@code s}'s candidate (not promoted), if any. */
    private static Assessment carriedOver(RatedSubject s, String active) {
        Assessment c = s.candidate();
        return c != null && c.model().equals(active) && (s.current() == null || !s.current().model().equals(active)) ? c : null;
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
