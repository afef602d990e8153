package org.opencredit.gateway.quota;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.opencredit.gateway.client.ApiClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * Redis when it answers, this gateway's memory when it does not.
 *
 * <p>Decision (documented in the README): when Redis is unreachable the gateway keeps serving and
 * enforces every limit per replica from memory — with N replicas a client may briefly get up to
 * N times its rate, and the day's count restarts from what this replica saw. Refusing all traffic
 * because the counter store is down would turn a Redis outage into a platform outage; letting
 * traffic through unlimited would remove the protection the limits exist for. The state is
 * exported as {@code opencredit_gateway_quota_redis_up} (0 = fallback) and the alert
 * {@code GatewayQuotaRedisDown} fires on it. After a failure Redis is retried at most every
 * {@link #RETRY_AFTER}, so an outage costs no latency per request.
 */
public class FailoverQuotaStore implements QuotaStore {

    private static final Logger log = LoggerFactory.getLogger(FailoverQuotaStore.class);
    static final Duration RETRY_AFTER = Duration.ofSeconds(2);
    static final Duration REDIS_TIMEOUT = Duration.ofMillis(250);

    private final QuotaStore redis;
    private final LocalQuotaStore local;
    private final AtomicBoolean up = new AtomicBoolean(true);
    private final AtomicLong downUntilNanos = new AtomicLong();
    private final Counter fallbacks;

    public FailoverQuotaStore(QuotaStore redis, LocalQuotaStore local, MeterRegistry meters) {
        this.redis = redis;
        this.local = local;
        Gauge.builder("opencredit.gateway.quota.redis.up", up, u -> u.get() ? 1 : 0)
                .description("1 when the shared quota store (Redis) answers, 0 while this gateway limits from memory")
                .register(meters);
        this.fallbacks = Counter.builder("opencredit.gateway.quota.fallbacks")
                .description("requests limited from memory because Redis did not answer").register(meters);
    }

    public boolean redisUp() {
        return up.get();
    }

    @Override
    public Mono<QuotaDecision> take(String clientId, ApiClient.Limits limits, String day, long dayTtlSeconds) {
        if (!up.get() && System.nanoTime() < downUntilNanos.get()) {
            fallbacks.increment();
            return local.take(clientId, limits, day, dayTtlSeconds);
        }
        return redis.take(clientId, limits, day, dayTtlSeconds)
                .timeout(REDIS_TIMEOUT)
                .doOnNext(d -> {
                    if (up.compareAndSet(false, true)) {
                        log.info("Redis answers again: request limits are shared by all gateway replicas again");
                    }
                })
                .onErrorResume(e -> {
                    downUntilNanos.set(System.nanoTime() + RETRY_AFTER.toNanos());
                    if (up.compareAndSet(true, false)) {
                        log.error("Redis does not answer ({}): limiting requests from this gateway's memory until it does; "
                                + "with several replicas each enforces the full limit", e.toString());
                    }
                    fallbacks.increment();
                    return local.take(clientId, limits, day, dayTtlSeconds);
                });
    }
}
