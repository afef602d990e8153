package org.opencredit.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    final ApiKeys keys = new ApiKeys("a-pepper-of-at-least-thirty-two-characters");

    @Test
    void keysCarryAReadablePrefixAndAreUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String key = ApiKeys.generate();
            assertThat(key).startsWith("ock_").hasSize(58);
            assertThat(ApiKeys.prefixOf(key)).hasSize(10).matches("[a-z2-7]+");
            assertThat(seen.add(key)).isTrue();
        }
    }

    @Test
    void malformedTextHasNoPrefix() {
        String key = ApiKeys.generate();
        assertThat(ApiKeys.prefixOf(key.substring(1))).isNull();
        assertThat(ApiKeys.prefixOf(key + "x")).isNull();
        assertThat(ApiKeys.prefixOf(key.replace("ock_", "ocx_"))).isNull();
        assertThat(ApiKeys.prefixOf(null)).isNull();
    }

    @Test
    void theStoredHashMatchesOnlyTheSameKeyWithTheSamePepper() {
        String key = ApiKeys.generate();
        String hash = keys.hash(key);
        assertThat(hash).doesNotContain(key.substring(15));
        assertThat(keys.matches(key, hash)).isTrue();
        String other = key.substring(0, 57) + (key.charAt(57) == 'A' ? 'B' : 'A');
        assertThat(keys.matches(other, hash)).isFalse();
        assertThat(new ApiKeys("another-pepper-of-at-least-thirty-two-chars").matches(key, hash)).isFalse();
    }

    @Test
    void aMissingOrShortPepperStopsTheGatewayWithAMessageNamingTheVariable() {
        assertThatThrownBy(() -> new ApiKeys("")).hasMessageContaining("OPENCREDIT_KEY_PEPPER");
        assertThatThrownBy(() -> new ApiKeys("short")).hasMessageContaining("at least 32");
    }
}
