package org.opencredit.personal.person;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The keys that protect identity numbers (and names) at rest. No value is ever committed: they come
 * from the environment ({@code OPENCREDIT_PERSONAL_ENCRYPTION_KEY}, {@code OPENCREDIT_PERSONAL_HASH_KEY},
 * {@code OPENCREDIT_PERSON_PEPPER}).
 *
 * @param encryptionKey     base64 of 32 random bytes: the AES-256-GCM key of the encrypted copies
 * @param hashKey           base64 of at least 32 random bytes: the HMAC-SHA256 key of the lookup hash
 * @param personPepper      at least 32 characters: the key of the platform-wide person pseudonym ({@code OPENCREDIT_PERSON_PEPPER},
 *                          the same value blacklist-service has; see {@link PersonPseudonyms})
 * @param generateIfMissing local runs only: generate throwaway keys (data written with them is unreadable after a restart)
 */
@ConfigurationProperties("opencredit.personal.keys")
public record KeyProperties(String encryptionKey, String hashKey, String personPepper, boolean generateIfMissing) {
}
