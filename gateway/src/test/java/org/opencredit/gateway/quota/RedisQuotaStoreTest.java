package org.opencredit.gateway.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencredit.gateway.client.ApiClient;
import org.opencredit.testkit.RedisServer;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Limits shared through a real redis-server by two gateway replicas, and what happens when Redis
 * goes away and comes back.
 */
class RedisQuotaStoreTest {

    static RedisServer redis;
    static final List<LettuceConnectionFactory> factories = new ArrayList<>();

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        factories.forEach(LettuceConnectionFactory::destroy);
        redis.close();
    }

    /** What one gateway replica builds: its own connection, its own memory fallback. */
    static FailoverQuotaStore replica(SimpleMeterRegistry meters) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redis.port()),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(250)).build());
        factory.afterPropertiesSet();
        factories.add(factory);
        return new FailoverQuotaStore(new RedisQuotaStore(new ReactiveStringRedisTemplate(factory)), new LocalQuotaStore(), meters);
    }

    @Test
    void twoReplicasShareOneBucketAndOneDailyCount() {
        FailoverQuotaStore a = replica(new SimpleMeterRegistry());
        FailoverQuotaStore b = replica(new SimpleMeterRegistry());
        ApiClient.Limits limits = new ApiClient.Limits(0.001, 4, 1_000);
        int allowed = 0;
        for (int i = 0; i < 10; i++) {
            FailoverQuotaStore replica = i % 2 == 0 ? a : b;
            if (replica.take("shared-client", limits, "20261127", 3600).block().allowed()) {
                allowed++;
            }
        }
        // alone, each replica would have let 4 through (8 in all)
        assertThat(allowed).isEqualTo(4);
        QuotaDecision refused = b.take("shared-client", limits, "20261127", 3600).block();
        assertThat(refused.limit()).isEqualTo("rate");
        assertThat(refused.dailyUsed()).isEqualTo(4);

        ApiClient.Limits daily = new ApiClient.Limits(1000, 1000, 3);
        assertThat(a.take("daily-client", daily, "20261127", 3600).block().allowed()).isTrue();
        assertThat(b.take("daily-client", daily, "20261127", 3600).block().allowed()).isTrue();
        assertThat(a.take("daily-client", daily, "20261127", 3600).block().allowed()).isTrue();
        QuotaDecision overDaily = b.take("daily-client", daily, "20261127", 3600).block();
        assertThat(overDaily.allowed()).isFalse();
        assertThat(overDaily.limit()).isEqualTo("daily");
        assertThat(b.take("daily-client", daily, "20261128", 3600).block().allowed()).as("a new day").isTrue();
    }

    @Test
    void whenRedisIsDownEachReplicaLimitsFromMemoryAndReportsItThenReturnsToRedis() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        FailoverQuotaStore store = replica(meters);
        ApiClient.Limits limits = new ApiClient.Limits(0.001, 2, 1_000);
        assertThat(store.take("outage-client", limits, "20261127", 3600).block().allowed()).isTrue();
        assertThat(meters.get("opencredit.gateway.quota.redis.up").gauge().value()).isEqualTo(1.0);

        redis.stop();
        try {
            long started = System.nanoTime();
            QuotaDecision first = store.take("outage-client", limits, "20261127", 3600).block();
            // the request is served (not refused for the outage), within the 250 ms Redis timeout plus slack
            assertThat(first.allowed()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            assertThat(store.redisUp()).isFalse();
            assertThat(meters.get("opencredit.gateway.quota.redis.up").gauge().value()).isEqualTo(0.0);
            // limits still hold, from memory: the memory bucket of 2 lets one more through, then refuses
            assertThat(store.take("outage-client", limits, "20261127", 3600).block().allowed()).isTrue();
            QuotaDecision limited = store.take("outage-client", limits, "20261127", 3600).block();
            assertThat(limited.allowed()).isFalse();
            assertThat(meters.get("opencredit.gateway.quota.fallbacks").counter().count()).isGreaterThanOrEqualTo(3);
        } finally {
            redis.launch();
        }
        Thread.sleep(FailoverQuotaStore.RETRY_AFTER.toMillis() + 200);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            store.take("after-outage", limits, "20261127", 3600).block();
            assertThat(store.redisUp()).isTrue();
        });
        assertThat(meters.get("opencredit.gateway.quota.redis.up").gauge().value()).isEqualTo(1.0);
    }
}
