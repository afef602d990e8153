package org.opencredit.personal.record;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.opencredit.chassis.PeriodicTask;
import org.opencredit.chassis.security.Caller;
import org.opencredit.contracts.security.ClientKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Open and overdue objections as gauges ({@code opencredit.persons.objections.open},
 * {@code opencredit.persons.objections.overdue}), recounted periodically, so an alert can fire when
 * an answer is past its 20 days.
 */
@Component
class ObjectionMetrics implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ObjectionMetrics.class);
    private static final Caller EVERYONE = new Caller("objection-metrics", ClientKind.OFFICE, null, java.util.Set.of(), null);

    private final RecordService records;
    private final AtomicLong open = new AtomicLong();
    private final AtomicLong overdue = new AtomicLong();
    private final PeriodicTask task;

    ObjectionMetrics(RecordService records, MeterRegistry registry,
                     @Value("${opencredit.personal.objections.metrics-interval:1m}") Duration interval) {
        this.records = records;
        Gauge.builder("opencredit.persons.objections.open", open, AtomicLong::get).description("objections not yet answered")
                .register(registry);
        Gauge.builder("opencredit.persons.objections.overdue", overdue, AtomicLong::get)
                .description("objections not answered within 20 days").register(registry);
        this.task = new PeriodicTask(() -> Flux.interval(Duration.ZERO, interval).onBackpressureDrop()
                .concatMap(t -> refresh().onErrorResume(e -> {
                    log.warn("counting objections failed: {}", e.toString());
                    return Mono.empty();
                }), 1));
    }

    /** Recounts now. */
    Mono<Void> refresh() {
        return records.openObjections(EVERYONE).collectList().doOnNext(items -> {
            open.set(items.size());
            overdue.set(items.stream().filter(RecordService.ObjectionItem::overdue).count());
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
