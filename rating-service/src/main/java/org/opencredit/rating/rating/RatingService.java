package org.opencredit.rating.rating;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import io.micrometer.core.instrument.MeterRegistry;
import org.opencredit.chassis.outbox.OutboxEvents;
import org.opencredit.chassis.outbox.OutboxMessage;
import org.opencredit.chassis.outbox.OutboxRelay;
import org.opencredit.contracts.events.RatingChanged;
import org.opencredit.contracts.events.Topics;
import org.opencredit.rating.model.ModelRegistry;
import org.opencredit.rating.model.RatingModel;
import org.opencredit.rating.model.Scorer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Changes a subject's facts and re-rates it in one conditional document write: the new rating, a
 * history entry and a {@code rating changed} event in the outbox when score or grade changed,
 * and a candidate rating under the model being rolled out, if any.
 */
public class RatingService {

    /** Ratings are computed for the province's calendar day. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** Ids per {@code $in} read of many subjects (see {@link #chunks}). */
    public static final int IN_CHUNK = 100;

    /**
     * {@code ids} in lists of {@link #IN_CHUNK}, one {@code $in} read each: the embedded store matches every document
     * it finds against the whole list (n² comparisons per read); real MongoDB is indifferent.
     */
    public static <T> List<List<T>> chunks(java.util.Collection<T> ids) {
        List<T> all = List.copyOf(ids);
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            chunks.add(all.subList(i, Math.min(all.size(), i + IN_CHUNK)));
        }
        return chunks;
    }

    private final ReactiveMongoTemplate mongo;
    private final ModelRegistry models;
    private final OutboxEvents events;
    private final OutboxRelay relay;
    private final Clock clock;
    private final MeterRegistry registry;

    public RatingService(ReactiveMongoTemplate mongo, ModelRegistry models, OutboxEvents events, OutboxRelay relay, Clock clock,
                         MeterRegistry registry) {
        this.mongo = mongo;
        this.models = models;
        this.events = events;
        this.relay = relay;
        this.clock = clock;
        this.registry = registry;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(ZONE));
    }

    public Instant now() {
        return clock.instant();
    }

    /** A subject not yet stored (version 0). */
    public static RatedSubject emptySubject(String subject, String subjectKind) {
        return RatedSubject.empty(subject, subjectKind);
    }

    public Mono<RatedSubject> find(String subject) {
        return mongo.findById(subject, RatedSubject.class, RatedSubject.COLLECTION);
    }

    /**
     * The rating readers see: the candidate once its model became active (the switch is atomic for
     * all subjects; a re-rating job promotes only the candidates that changed score or grade), else
     * the current; explained either way.
     */
    public Optional<Assessment> visible(RatedSubject s) {
        String active = models.active(s.subjectKind()).key();
        Assessment c = s.candidate();
        if (c != null && c.model().equals(active) && (s.current() == null || !s.current().model().equals(active))) {
            Assessment p = s.current();
            // same score and grade: rated when and why it last changed, as promoting it would have kept (see rerate)
            return Optional.of(explained(s, p == null || c.differsFrom(p) ? c : new Assessment(c.model(), c.score(), c.grade(),
                    c.gradeLabel(), c.asOf(), p.ratedAt(), p.reason(), c.override(), c.nextChangeOn(), c.factors(), c.dimensions())));
        }
        return Optional.ofNullable(s.current()).map(a -> explained(s, a));
    }

    /**
     * A slim rating (a candidate, or a candidate a later job made current as it was) with its explanation from
     * the same model, facts and day: the facts have not changed since, or it would have been recomputed with them.
     */
    private Assessment explained(RatedSubject s, Assessment a) {
        if (a.explained()) {
            return a;
        }
        return Assessment.of(Scorer.rate(models.find(a.model()).orElseThrow(), s.records(), s.lists(), a.asOf()), a.ratedAt(),
                a.reason());
    }

    /**
     * The grade readers see, from a projected document ({@code subjectKind}, {@code current.model/grade},
     * {@code candidate.model/grade}) by the same rule as {@link #visible}; null when not rated.
     */
    public String visibleGrade(org.bson.Document d) {
        String active = models.active(d.getString("subjectKind")).key();
        org.bson.Document current = d.get("current", org.bson.Document.class);
        org.bson.Document candidate = d.get("candidate", org.bson.Document.class);
        if (candidate != null && active.equals(candidate.getString("model"))
                && (current == null || !active.equals(current.getString("model")))) {
            return candidate.getString("grade");
        }
        return current == null ? null : current.getString("grade");
    }

    /**
     * Applies {@code change} to the subject's stored state (or a new one) and re-rates it. The change
     * returns {@code null} when there is nothing to do (a duplicate or older fact). Retried on a
     * concurrent write, so the change always sees the latest state.
     */
    public Mono<RatedSubject> update(String subject, String subjectKind, UnaryOperator<RatedSubject> change, String reason) {
        return Mono.defer(() -> find(subject)
                        .defaultIfEmpty(RatedSubject.empty(subject, subjectKind))
                        .flatMap(read -> {
                            RatedSubject changed = change.apply(read);
                            if (changed == null) {
                                return Mono.<RatedSubject>empty();
                            }
                            Rerated next = rerate(changed, reason);
                            return store(read, next);
                        }))
                .retryWhen(Retry.backoff(20, Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(200))
                        .filter(ConcurrentWrite.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    /** The subject after re-rating, with the events to queue. */
    public record Rerated(RatedSubject subject, List<OutboxMessage> events) {
    }

    /**
     * Re-rates a subject under the active model (and the rollout model, if any) on today's date;
     * queues an event and a history entry when score or grade changed. Pure apart from the clock.
     */
    public Rerated rerate(RatedSubject s, String reason) {
        Instant now = clock.instant();
        LocalDate today = today();
        RatingModel active = models.active(s.subjectKind());
        // compared with the rating consumers were last told about (after a model switch that is the
        // old model's rating until this subject is promoted)
        Assessment previous = s.current();
        Assessment next = Assessment.of(Scorer.rate(active, s.records(), s.lists(), today), now, reason);
        Assessment candidate = models.rollout(s.subjectKind())
                .map(m -> Assessment.of(Scorer.rate(m, s.records(), s.lists(), today), now, reason).slim())
                .orElse(null);
        List<OutboxMessage> queued = new ArrayList<>();
        List<HistoryEntry> history = s.history();
        if (next.differsFrom(previous)) {
            queued.add(event(s, next, previous, reason));
            history = appendHistory(history, new HistoryEntry(now, next.model(), previous == null ? null : previous.grade(),
                    previous == null ? null : previous.score(), next.grade(), next.score(), reason, next.override(), next.factors()));
            registry.counter("opencredit.rating.changes", "subjectKind", s.subjectKind(), "grade", next.grade()).increment();
        } else {
            // same score and grade: keep when it was rated and why (the explanation may still have changed)
            next = new Assessment(next.model(), next.score(), next.grade(), next.gradeLabel(), next.asOf(), previous.ratedAt(),
                    previous.reason(), next.override(), next.nextChangeOn(), next.factors(), next.dimensions());
        }
        LocalDate due = earliest(next.nextChangeOn(), candidate == null ? null : candidate.nextChangeOn());
        RatedSubject rerated = new RatedSubject(s.subject(), s.subjectKind(), s.name(), s.regionCode(), s.industryCode(),
                s.entityKind(), s.records(), s.lists(), next, candidate, s.review(), due, history, s.outbox(), s.version(),
                s.lock(), now, s.pseudonym());
        return new Rerated(rerated, queued);
    }

    public OutboxMessage event(RatedSubject s, Assessment next, Assessment previous, String reason) {
        return events.create(Topics.RATING, RatingChanged.TYPE, s.subject(),
                new RatingChanged(s.subject(), next.grade(), next.score(), next.model(), next.ratedAt(), s.subjectKind(),
                        previous == null ? null : previous.grade(), previous == null ? null : previous.score(), shorten(reason), s.pseudonym()));
    }

    /**
     * Drops what the subject's history derived from a deleted record (five-year retention: consumers
     * keep nothing of it): its factors, and its id in the reasons. The current rating is recomputed
     * without it by {@link #rerate}.
     */
    public static RatedSubject forget(RatedSubject s, String recordId) {
        List<HistoryEntry> history = s.history().stream().map(h -> new HistoryEntry(h.at(), h.model(), h.previousGrade(),
                h.previousScore(), h.grade(), h.score(),
                h.reason() != null && h.reason().contains(recordId) ? "a record since deleted under the retention rule" : h.reason(),
                h.override(), h.factors() == null ? null : h.factors().stream().filter(f -> !recordId.equals(f.sourceId())).toList()))
                .toList();
        return new RatedSubject(s.subject(), s.subjectKind(), s.name(), s.regionCode(), s.industryCode(), s.entityKind(), s.records(),
                s.lists(), s.current(), s.candidate(), s.review(), s.nextReviewOn(), history, s.outbox(), s.version(), s.lock(),
                s.updatedAt(), s.pseudonym());
    }

    static List<HistoryEntry> appendHistory(List<HistoryEntry> history, HistoryEntry entry) {
        List<HistoryEntry> next = new ArrayList<>(history);
        next.add(entry);
        while (next.size() > RatedSubject.HISTORY_LIMIT) {
            next.remove(0);
        }
        return next;
    }

    /** Writes the re-rated subject conditional on the version read; queues its events in the same write. */
    public Mono<RatedSubject> store(RatedSubject read, Rerated next) {
        RatedSubject s = next.subject();
        long version = read.version() + 1;
        String lock = RatedSubject.lockOf(s.subject(), version);
        List<OutboxMessage> outbox = new ArrayList<>(read.outbox());
        outbox.addAll(next.events());
        RatedSubject written = new RatedSubject(s.subject(), s.subjectKind(), s.name(), s.regionCode(), s.industryCode(),
                s.entityKind(), s.records(), s.lists(), s.current(), s.candidate(), s.review(), s.nextReviewOn(), s.history(),
                outbox, version, lock, s.updatedAt(), s.pseudonym());
        Mono<RatedSubject> write;
        if (!read.stored()) {
            write = mongo.insert(written, RatedSubject.COLLECTION)
                    .onErrorMap(DuplicateKeyException.class, e -> new ConcurrentWrite());
        } else {
            Update update = new Update().set("subjectKind", s.subjectKind()).set("name", s.name()).set("regionCode", s.regionCode())
                    .set("industryCode", s.industryCode()).set("entityKind", s.entityKind()).set("records", s.records())
                    .set("lists", s.lists()).set("current", s.current()).set("candidate", s.candidate()).set("review", s.review())
                    .set("nextReviewOn", s.nextReviewOn()).set("history", s.history()).set("version", version).set("lock", lock)
                    .set("pseudonym", s.pseudonym())
                    .set("updatedAt", s.updatedAt());
            if (!next.events().isEmpty()) {
                update.push("outbox").each(next.events().toArray());
            }
            write = mongo.updateFirst(Query.query(where("lock").is(read.lock())), update, RatedSubject.class, RatedSubject.COLLECTION)
                    .flatMap(r -> r.getMatchedCount() == 0 ? Mono.error(new ConcurrentWrite()) : Mono.just(written));
        }
        return write.doOnNext(w -> {
            if (!next.events().isEmpty()) {
                relay.relaySoon(RatedSubject.COLLECTION, w.subject());
            }
        });
    }

    private static String shorten(String reason) {
        return reason == null || reason.length() <= 500 ? reason : reason.substring(0, 497) + "...";
    }

    static LocalDate earliest(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    /** The subject's document changed between read and write. */
    public static final class ConcurrentWrite extends RuntimeException {
        public ConcurrentWrite() {
            super("the subject's rating document changed concurrently", null, false, false);
        }
    }
}
