package org.opencredit.blacklist.entry;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.opencredit.blacklist.catalogue.ListCatalogue;
import org.opencredit.blacklist.config.BlacklistProperties;
import org.opencredit.chassis.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The operations board's gauges, recounted periodically (from the counts {@link ListedEntries} keeps in
 * memory; from aggregations in the store until it holds every ledger):
 * {@code opencredit.list.entries} (tags {@code listType}, {@code state}: every catalogued list type
 * × every state, 0 when none) and {@code opencredit.list.objections} (tag {@code state}: {@code open}
 * = not yet answered, {@code overdue} = not answered by its answer date, for the alert).
 */
@Component
class ListMetrics implements SmartLifecycle {

    static final String ENTRIES = "opencredit.list.entries";
    static final String OBJECTIONS = "opencredit.list.objections";
    private static final Logger log = LoggerFactory.getLogger(ListMetrics.class);

    private final EntryService entries;
    private final Map<String, Map<EntryState, AtomicLong>> counts = new HashMap<>();
    private final AtomicLong open = new AtomicLong();
    private final AtomicLong overdue = new AtomicLong();
    private final PeriodicTask task;

    ListMetrics(EntryService entries, ListCatalogue catalogue, MeterRegistry registry, BlacklistProperties properties) {
        this.entries = entries;
        for (String type : catalogue.listTypeCodes()) {
            Map<EntryState, AtomicLong> byState = new EnumMap<>(EntryState.class);
            for (EntryState state : EntryState.values()) {
                AtomicLong n = new AtomicLong();
                byState.put(state, n);
                Gauge.builder(ENTRIES, n, AtomicLong::get).tag("listType", type).tag("state", state.name())
                        .description("list entries by list type and state (as of the last count)").register(registry);
            }
            counts.put(type, byState);
        }
        Gauge.builder(OBJECTIONS, open, AtomicLong::get).tag("state", "open")
                .description("objections against list entries not yet answered").register(registry);
        Gauge.builder(OBJECTIONS, overdue, AtomicLong::get).tag("state", "overdue")
                .description("objections against list entries not answered by their answer date").register(registry);
        this.task = new PeriodicTask(() -> Flux.interval(first(properties.metricsInterval()), properties.metricsInterval()).onBackpressureDrop()
                .concatMap(t -> refresh().onErrorResume(e -> {
                    log.warn("counting list entries failed: {}", e.toString());
                    return Mono.empty();
                }), 1));
    }

    /** The first count a few seconds after the start (not a whole interval later), while the start's own work settles. */
    private static Duration first(Duration interval) {
        return interval.compareTo(Duration.ofSeconds(5)) < 0 ? interval : Duration.ofSeconds(5);
    }

    /** Recounts now. */
    Mono<Void> refresh() {
        return entries.counts(entries.today()).doOnNext(c -> {
            counts.forEach((type, byState) -> byState.forEach((state, n) ->
                    n.set(c.entries().getOrDefault(type, Map.of()).getOrDefault(state, 0L))));
            open.set(c.openObjections());
            long late = c.overdueObjections();
            if (late > 0 && overdue.getAndSet(late) != late) {
                log.warn("{} objections against list entries are past their answer date (GET /api/v1/list-entries?objection=overdue)", late);
            }
            overdue.set(late);
        }).then();
    }

    @Override
    public void start() {
        task.start();
    }

    @Override
    public void stop() {
        task.stop();
    }

    @Override
    public boolean isRunning() {
        return task.isRunning();
    }
}
