package org.opencredit.chassis;

import java.util.function.Supplier;

import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * A background loop that starts and stops with the application context: the subscription to the
 * flux its owner builds when the context starts, disposed when it stops.
 */
public final class PeriodicTask implements SmartLifecycle {

    private final Supplier<Flux<?>> loop;
    private volatile Disposable running;

    public PeriodicTask(Supplier<Flux<?>> loop) {
        this.loop = loop;
    }

    @Override
    public void start() {
        running = loop.get().subscribe();
    }

    @Override
    public void stop() {
        Disposable r = running;
        if (r != null) {
            r.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null && !running.isDisposed();
    }
}
