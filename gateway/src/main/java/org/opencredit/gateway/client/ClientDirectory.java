package org.opencredit.gateway.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Every API client, held in memory so that checking a key never touches the database. Each
 * gateway instance polls the client collection for changes every
 * {@code opencredit.gateway.clients.refresh-interval} (1 s by default), so a revocation or a new
 * key made through any instance is in force on all of them within about a second — well inside
 * the 5 s the security model allows. Changes are found by {@code updatedAt}, with an overlap
 * window for clock differences between instances, and applied only when their revision is newer.
 */
public class ClientDirectory implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ClientDirectory.class);
    /** Re-read changes this far back, so clock skew between gateway instances cannot hide one. */
    static final Duration OVERLAP = Duration.ofSeconds(30);

    /** A key of a client, as the authenticator needs it. */
    public record Entry(ApiClient client, ApiClient.Key key) {
    }

    private final ReactiveMongoTemplate mongo;
    private final Duration interval;
    private final Clock clock;
    private final Map<String, ApiClient> clients = new ConcurrentHashMap<>();
    private final Map<String, Entry> byPrefix = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> seenUntil = new AtomicReference<>(Instant.EPOCH);
    private volatile Instant lastRefresh = Instant.EPOCH;
    private volatile Disposable polling;

    public ClientDirectory(ReactiveMongoTemplate mongo, Duration interval, Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.interval = interval;
        this.clock = clock;
        Gauge.builder("opencredit.gateway.clients", clients, Map::size)
                .description("API clients known to this gateway instance").register(meters);
        Gauge.builder("opencredit.gateway.clients.staleness", this,
                        d -> Duration.between(d.lastRefresh, d.clock.instant()).toMillis() / 1000.0)
                .baseUnit("seconds")
                .description("time since this instance last read client changes (revocations take effect after it)")
                .register(meters);
    }

    public Entry byPrefix(String prefix) {
        return byPrefix.get(prefix);
    }

    public ApiClient byId(String id) {
        return clients.get(id);
    }

    public Collection<ApiClient> all() {
        return clients.values();
    }

    public boolean prefixInUse(String prefix) {
        return byPrefix.containsKey(prefix);
    }

    /** Applies a client this instance has just written, without waiting for the next poll. */
    public void apply(ApiClient client) {
        clients.compute(client.id(), (id, held) -> {
            if (held != null && held.revision() >= client.revision()) {
                return held;
            }
            if (held != null) {
                held.keys().forEach(k -> byPrefix.remove(k.prefix()));
            }
            client.keys().forEach(k -> byPrefix.put(k.prefix(), new Entry(client, k)));
            return client;
        });
    }

    /** Reads the changes since the last refresh (all clients the first time). */
    public Flux<ApiClient> refresh() {
        Instant since = seenUntil.get();
        Instant started = clock.instant();
        Query query = since.equals(Instant.EPOCH) ? new Query()
                : Query.query(Criteria.where("updatedAt").gte(since.minus(OVERLAP)));
        return mongo.find(query.with(Sort.by("updatedAt")), ApiClient.class)
                .doOnNext(this::apply)
                .doOnComplete(() -> {
                    seenUntil.accumulateAndGet(started, (a, b) -> a.isAfter(b) ? a : b);
                    lastRefresh = started;
                });
    }

    @Override
    public void start() {
        // the first load blocks startup: a gateway that does not know its clients must not serve
        refresh().then().block(Duration.ofSeconds(30));
        log.info("API client directory loaded: {} clients, {} keys; polling every {}", clients.size(), byPrefix.size(), interval);
        polling = Flux.interval(interval, interval, Schedulers.parallel())
                .onBackpressureDrop()
                .concatMap(tick -> refresh().then()
                        .onErrorResume(e -> {
                            log.warn("could not read API client changes (revocations wait until the database answers): {}", e.toString());
                            return reactor.core.publisher.Mono.empty();
                        }), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable p = polling;
        if (p != null) {
            p.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return polling != null && !polling.isDisposed();
    }
}
