package org.opencredit.gateway.quota;

import java.util.List;

import org.opencredit.gateway.client.ApiClient;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import reactor.core.publisher.Mono;

/**
 * Token bucket and daily quota in Redis, one atomic script per request ({@code quota/take.lua}),
 * so the limits hold across all gateway replicas. The script reads Redis's own clock, so replicas
 * with different clocks agree on refills.
 */
public class RedisQuotaStore implements QuotaStore {

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final RedisScript<List<Long>> TAKE = (RedisScript) RedisScript.of(new ClassPathResource("quota/take.lua"), List.class);

    private final ReactiveStringRedisTemplate redis;

    public RedisQuotaStore(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public Mono<QuotaDecision> take(String clientId, ApiClient.Limits limits, String day, long dayTtlSeconds) {
        List<String> keys = List.of("opencredit:quota:{" + clientId + "}:bucket", "opencredit:quota:{" + clientId + "}:" + day);
        List<String> args = List.of(Double.toString(limits.perSecond()), Integer.toString(limits.burst()),
                Long.toString(limits.daily()), Long.toString(dayTtlSeconds));
        return redis.execute(TAKE, keys, args).next().map(r -> new QuotaDecision(
                r.get(0) == 1L, r.get(1), r.get(2), r.get(3) == 1L ? "rate" : r.get(3) == 2L ? "daily" : null, r.get(4)));
    }
}
