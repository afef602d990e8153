package org.opencredit.rating.model;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.opencredit.chassis.PeriodicTask;
import org.opencredit.contracts.catalogue.Catalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The rating models this service knows (shipped in {@code models/*.yaml} and uploaded through the
 * API into {@code rating_models}) and, per subject kind, which one is active and which one a
 * re-rating job is rolling out ({@code model_state}, one document per kind, so switching the
 * active model is a single atomic write). Every instance keeps the state in memory and re-reads
 * it every second, so all instances switch within about a second of each other.
 */
public class ModelRegistry {

    public static final String MODELS = "rating_models";
    public static final String STATE = "model_state";
    private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);

    /** An uploaded model, kept as the YAML it was uploaded as. */
    public record StoredModel(@Id String key, String yaml, Instant uploadedAt, String uploadedBy) {
    }

    /**
     * @param active    the model key current ratings come from
     * @param candidate the model key a running re-rating job is rolling out, or null
     * @param jobId     that job
     */
    public record KindState(@Id String subjectKind, String active, String candidate, String jobId, Instant switchedAt) {
    }

    private final ReactiveMongoTemplate mongo;
    private final Catalogue catalogue;
    private final Map<String, String> defaults;
    private final Map<String, RatingModel> models = new ConcurrentHashMap<>();
    private final Map<String, KindState> state = new ConcurrentHashMap<>();
    private final PeriodicTask refresher;

    public ModelRegistry(ReactiveMongoTemplate mongo, Catalogue catalogue, Map<String, String> defaults, Duration refresh) {
        this.mongo = mongo;
        this.catalogue = catalogue;
        this.defaults = Map.copyOf(defaults);
        try {
            for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:models/*.yaml")) {
                try (InputStream in = r.getInputStream()) {
                    RatingModel m = ModelLoader.read(in, catalogue);
                    models.put(m.key(), m);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the shipped rating models", e);
        }
        for (var d : this.defaults.entrySet()) {
            if (!models.containsKey(d.getValue()) || !models.get(d.getValue()).subjectKind().equals(d.getKey())) {
                throw new IllegalStateException("default model " + d.getValue() + " for " + d.getKey()
                        + " is not among the shipped models " + models.keySet());
            }
        }
        this.refresher = new PeriodicTask(() -> Flux.interval(Duration.ZERO, refresh)
                .onBackpressureDrop()
                .concatMap(t -> refresh().onErrorResume(e -> {
                    log.warn("cannot refresh the rating model state: {}", e.toString());
                    return Mono.empty();
                })));
    }

    public PeriodicTask refresher() {
        return refresher;
    }

    /** Re-reads uploaded models and the per-kind state. */
    public Mono<Void> refresh() {
        Mono<Void> uploaded = mongo.findAll(StoredModel.class, MODELS)
                .filter(s -> !models.containsKey(s.key()))
                .doOnNext(s -> models.put(s.key(), ModelLoader.read(s.yaml(), catalogue)))
                .then();
        Mono<Void> states = mongo.findAll(KindState.class, STATE).doOnNext(s -> state.put(s.subjectKind(), s)).then();
        return uploaded.then(states);
    }

    public Collection<RatingModel> all() {
        return models.values();
    }

    public Optional<RatingModel> find(String key) {
        return Optional.ofNullable(models.get(key));
    }

    /** The model current ratings of {@code subjectKind} come from. */
    public RatingModel active(String subjectKind) {
        KindState s = state.get(subjectKind);
        String key = s != null ? s.active() : defaults.get(subjectKind);
        RatingModel m = models.get(key);
        if (m == null) {
            throw new IllegalStateException("active model " + key + " for " + subjectKind + " is unknown here");
        }
        return m;
    }

    /** The model a re-rating job is rolling out for {@code subjectKind}, if any. */
    public Optional<RatingModel> rollout(String subjectKind) {
        KindState s = state.get(subjectKind);
        return s == null || s.candidate() == null ? Optional.empty() : Optional.ofNullable(models.get(s.candidate()));
    }

    public KindState state(String subjectKind) {
        KindState s = state.get(subjectKind);
        return s != null ? s : new KindState(subjectKind, defaults.get(subjectKind), null, null, null);
    }

    /** Stores an uploaded model (validated); a key already known is a conflict. */
    public Mono<RatingModel> upload(String yaml, String by, Instant at) {
        RatingModel m = ModelLoader.read(yaml, catalogue);
        if (models.containsKey(m.key())) {
            return Mono.error(new DuplicateKeyException(m.key()));
        }
        return mongo.insert(new StoredModel(m.key(), yaml, at, by), MODELS).doOnNext(s -> models.put(m.key(), m)).thenReturn(m);
    }

    /**
     * Marks {@code candidate} as being rolled out by {@code jobId}; fails with
     * {@link IllegalStateException} when another rollout is under way for the kind.
     */
    public Mono<KindState> beginRollout(String subjectKind, String candidate, String jobId) {
        KindState current = state(subjectKind);
        if (current.candidate() != null) {
            // known here already: answer without provoking the store's duplicate-key path below
            return Mono.error(new IllegalStateException("another rollout is under way for " + subjectKind));
        }
        Query free = Query.query(where("_id").is(subjectKind).and("candidate").is(null));
        Update update = new Update().set("candidate", candidate).set("jobId", jobId).setOnInsert("active", current.active());
        return mongo.findAndModify(free, update, org.springframework.data.mongodb.core.FindAndModifyOptions.options().upsert(true)
                        .returnNew(true), KindState.class, STATE)
                .onErrorMap(DuplicateKeyException.class, e -> new IllegalStateException("another rollout is under way for " + subjectKind))
                .doOnNext(s -> state.put(subjectKind, s));
    }

    /** Makes the rolled-out model active for every subject of the kind at once (one document write). */
    public Mono<KindState> switchTo(String subjectKind, String jobId, Instant at) {
        KindState s = state(subjectKind);
        Query mine = Query.query(where("_id").is(subjectKind).and("jobId").is(jobId));
        Update update = new Update().set("active", s.candidate()).unset("candidate").unset("jobId").set("switchedAt", at);
        return mongo.findAndModify(mine, update, org.springframework.data.mongodb.core.FindAndModifyOptions.options().returnNew(true),
                KindState.class, STATE).doOnNext(n -> state.put(subjectKind, n));
    }

    /** Ends a rollout without switching (the job was cancelled or failed for good). */
    public Mono<KindState> abandon(String subjectKind, String jobId) {
        Query mine = Query.query(where("_id").is(subjectKind).and("jobId").is(jobId));
        return mongo.findAndModify(mine, new Update().unset("candidate").unset("jobId"),
                org.springframework.data.mongodb.core.FindAndModifyOptions.options().returnNew(true), KindState.class, STATE)
                .doOnNext(n -> state.put(subjectKind, n));
    }

    public List<String> kinds() {
        return List.copyOf(defaults.keySet());
    }
}
