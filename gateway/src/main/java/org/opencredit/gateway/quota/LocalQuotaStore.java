package org.opencredit.gateway.quota;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.opencredit.gateway.client.ApiClient;

import reactor.core.publisher.Mono;

/**
 * Token bucket and daily counter in this gateway's memory: exact for a single gateway, and the
 * fallback of every replica while Redis is unreachable (then each replica enforces the full
 * limit on its own share of the traffic).
 */
public class LocalQuotaStore implements QuotaStore {

    private static final class Bucket {
        double tokens;
        long refilledAtNanos;
        String day;
        long used;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAtNanos = now;
        }
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanos;

    public LocalQuotaStore() {
        this(System::nanoTime);
    }

    LocalQuotaStore(LongSupplier nanos) {
        this.nanos = nanos;
    }

    @Override
    public Mono<QuotaDecision> take(String clientId, ApiClient.Limits limits, String day, long dayTtlSeconds) {
        return Mono.just(takeNow(clientId, limits, day));
    }

    public QuotaDecision takeNow(String clientId, ApiClient.Limits limits, String day) {
        long now = nanos.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(clientId, id -> new Bucket(limits.burst(), now));
        synchronized (bucket) {
            double elapsedSeconds = Math.max(0, now - bucket.refilledAtNanos) / 1e9;
            bucket.tokens = Math.min(limits.burst(), bucket.tokens + elapsedSeconds * limits.perSecond());
            bucket.refilledAtNanos = now;
            if (!day.equals(bucket.day)) {
                bucket.day = day;
                bucket.used = 0;
            }
            if (bucket.used >= limits.daily()) {
                return new QuotaDecision(false, (long) bucket.tokens, bucket.used, "daily", 0);
            }
            if (bucket.tokens < 1) {
                long wait = (long) Math.ceil((1 - bucket.tokens) * 1000 / limits.perSecond());
                return new QuotaDecision(false, 0, bucket.used, "rate", wait);
            }
            bucket.tokens -= 1;
            bucket.used++;
            return new QuotaDecision(true, (long) bucket.tokens, bucket.used, null, 0);
        }
    }
}
