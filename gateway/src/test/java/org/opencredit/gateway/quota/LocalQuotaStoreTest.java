package org.opencredit.gateway.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.opencredit.gateway.client.ApiClient;

class LocalQuotaStoreTest {

    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final LocalQuotaStore store = new LocalQuotaStore(nanos::get);
    final ApiClient.Limits limits = new ApiClient.Limits(2, 3, 1000);

    @Test
    void aBurstIsServedThenTheSustainedRate() {
        for (int i = 0; i < 3; i++) {
            assertThat(store.takeNow("c", limits, "20261127").allowed()).isTrue();
        }
        QuotaDecision refused = store.takeNow("c", limits, "20261127");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.limit()).isEqualTo("rate");
        assertThat(refused.retryAfterMillis()).isEqualTo(500); // 2 per second: one token every 500 ms

        nanos.addAndGet(500_000_000L);
        assertThat(store.takeNow("c", limits, "20261127").allowed()).isTrue();
        assertThat(store.takeNow("c", limits, "20261127").allowed()).isFalse();
        assertThat(store.takeNow("other", limits, "20261127").allowed()).as("clients have their own buckets").isTrue();
    }

    @Test
    void theDailyQuotaStopsAClientUntilTheNextDay() {
        ApiClient.Limits daily = new ApiClient.Limits(1000, 1000, 5);
        for (int i = 0; i < 5; i++) {
            assertThat(store.takeNow("c", daily, "20261127").allowed()).isTrue();
        }
        QuotaDecision refused = store.takeNow("c", daily, "20261127");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.limit()).isEqualTo("daily");
        assertThat(refused.dailyUsed()).isEqualTo(5);
        assertThat(store.takeNow("c", daily, "20261128").allowed()).isTrue();
    }
}
