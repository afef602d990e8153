package org.opencredit.blacklist.entry;

import java.time.Duration;

import org.opencredit.blacklist.config.BlacklistProperties;
import org.opencredit.chassis.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Expires listed entries whose period ended, on the injected clock's calendar day, periodically. */
@Component
class ExpirySweep implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExpirySweep.class);

    private final EntryService entries;
    private final Duration interval;
    private final PeriodicTask task = new PeriodicTask(this::loop);

    ExpirySweep(EntryService entries, BlacklistProperties properties) {
        this.entries = entries;
        this.interval = properties.expirySweepInterval();
    }

    private Flux<Long> loop() {
        return Flux.interval(Duration.ofSeconds(15), interval)
                .onBackpressureDrop()
                .concatMap(t -> entries.expireDue(entries.today())
                        .doOnNext(n -> {
                            if (n > 0) {
                                log.info("{} list entries expired", n);
                            }
                        })
                        .onErrorResume(e -> {
                            log.warn("expiry sweep failed, retrying in {}: {}", interval, e.toString());
                            return Mono.just(0L);
                        }), 1);
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
