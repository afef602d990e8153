package org.opencredit.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opencredit.contracts.security.InternalToken;

/**
 * JUnit 5 extension: one real Kafka broker and one in-memory MongoDB-wire server per test JVM,
 * started on free ports before the first test class that uses it and stopped when the JVM's
 * test run ends. Publishes their addresses as the system properties Spring Boot reads
 * ({@code spring.kafka.bootstrap-servers}, {@code spring.mongodb.uri}), and the public keys of
 * {@link TestTokens} as {@code opencredit.security.token.verification-jwks} and test keys for
 * personal-credit-service ({@code opencredit.personal.keys.*}); register it before
 * {@code @SpringBootTest} so the context sees them.
 */
public final class CreditInfrastructure implements BeforeAllCallback {

    static {
        // In a test JVM a fault while the broker shuts down must not halt the JVM with a non-zero
        // code (surefire then reports a crashed fork although every test passed): log it instead.
        org.apache.kafka.common.utils.Exit.setHaltProcedure((code, message) ->
                System.err.println("[testkit] Kafka asked to halt the JVM (" + code + "): " + message));
        org.apache.kafka.common.utils.Exit.setExitProcedure((code, message) ->
                System.err.println("[testkit] Kafka asked to exit the JVM (" + code + "): " + message));
    }

    /** personal-credit-service's AES-256-GCM key for identity numbers (base64 of 32 bytes). */
    public static final String PERSONAL_ENCRYPTION_KEY_PROPERTY = "opencredit.personal.keys.encryption-key";
    /** personal-credit-service's HMAC-SHA256 key for identity-number lookup hashes (base64 of at least 32 bytes). */
    public static final String PERSONAL_HASH_KEY_PROPERTY = "opencredit.personal.keys.hash-key";
    /** Test values only: 32 bytes 0x00..0x1f and 32 bytes 0x20..0x3f. */
    public static final String TEST_PERSONAL_ENCRYPTION_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    public static final String TEST_PERSONAL_HASH_KEY = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";

    private static final Object LOCK = new Object();
    private static volatile Running running;

    /** The started infrastructure; starts it if needed (for tests that do not use the extension). */
    public static Running get() {
        synchronized (LOCK) {
            if (running == null) {
                KafkaBroker kafka = KafkaBroker.startTemporary();
                MongoWireServer mongo = MongoWireServer.startInMemory();
                running = new Running(kafka, mongo);
                System.setProperty("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
                System.setProperty("spring.mongodb.uri", mongo.connectionString());
                // services under test verify the internal tokens TestTokens signs
                System.setProperty(InternalToken.VERIFICATION_JWKS_PROPERTY, TestTokens.verificationJwks());
                // personal-credit-service's identity-number keys (fixed test values, never used outside tests)
                System.setProperty(PERSONAL_ENCRYPTION_KEY_PROPERTY, TEST_PERSONAL_ENCRYPTION_KEY);
                System.setProperty(PERSONAL_HASH_KEY_PROPERTY, TEST_PERSONAL_HASH_KEY);
                // blacklist-service keys person pseudonyms with it
                System.setProperty("opencredit.blacklist.person-pepper", "test-person-pepper-not-a-secret-test-person-pepper");
                // stopped when the whole test run ends (see beforeAll), or at JVM exit if used without the extension
                Runtime.getRuntime().addShutdownHook(new Thread(CreditInfrastructure::stopQuietly, "credit-infrastructure-stop"));
            }
            return running;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        get();
        // closed by JUnit once, after the last test of the run, before the JVM exits
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(CreditInfrastructure.class, k -> (ExtensionContext.Store.CloseableResource) CreditInfrastructure::stopQuietly);
    }

    static void stopQuietly() {
        synchronized (LOCK) {
            if (running != null) {
                try {
                    running.close();
                } catch (RuntimeException e) {
                    System.err.println("[testkit] stopping the test infrastructure: " + e);
                }
                running = null;
            }
        }
    }

    /** The running broker and store. */
    public record Running(KafkaBroker kafka, MongoWireServer mongo) implements AutoCloseable {
        public String bootstrapServers() {
            return kafka.bootstrapServers();
        }

        public String mongoUri() {
            return mongo.connectionString();
        }

        @Override
        public void close() {
            mongo.close();
            kafka.close();
        }
    }
}
