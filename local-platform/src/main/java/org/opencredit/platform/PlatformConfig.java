package org.opencredit.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where the local platform runs: ports, folders, and whether to use an external MongoDB or Kafka.
 * Read from environment variables (documented in the README) with local defaults.
 */
public record PlatformConfig(Path root, Path home, int gatewayPort, int discoveryPort, int enterprisePort, int personalPort,
                             int ratingPort, int blacklistPort, int kafkaPort, int kafkaControllerPort, int mongoPort,
                             Optional<String> externalMongoUri, Optional<String> externalKafka, String jvmOptions,
                             Duration startupTimeout) {

    public static final String DEFAULT_JVM_OPTIONS =
            "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:ReservedCodeCacheSize=48m";

    public static PlatformConfig fromEnvironment(Map<String, String> env) {
        Path root = Path.of(env.getOrDefault("OPENCREDIT_ROOT", System.getProperty("user.dir"))).toAbsolutePath().normalize();
        Path home = Path.of(env.getOrDefault("OPENCREDIT_HOME", root.resolve(".local").toString())).toAbsolutePath().normalize();
        return new PlatformConfig(root, home,
                port(env, "GATEWAY_PORT", 8080), port(env, "DISCOVERY_PORT", 8761),
                port(env, "ENTERPRISE_PORT", 8081), port(env, "PERSONAL_PORT", 8082),
                port(env, "RATING_PORT", 8083), port(env, "BLACKLIST_PORT", 8084),
                port(env, "KAFKA_PORT", 9092), port(env, "KAFKA_CONTROLLER_PORT", 9093), port(env, "MONGO_PORT", 27017),
                Optional.ofNullable(env.get("MONGODB_URI")).filter(s -> !s.isBlank()),
                Optional.ofNullable(env.get("KAFKA_BOOTSTRAP_SERVERS")).filter(s -> !s.isBlank()),
                env.getOrDefault("OPENCREDIT_JVM_OPTIONS", DEFAULT_JVM_OPTIONS),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("OPENCREDIT_STARTUP_TIMEOUT_SECONDS", "180"))));
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, got '" + value + "'");
        }
    }

    public Path dataDir() {
        return home.resolve("data");
    }

    public Path logDir() {
        return home.resolve("logs");
    }

    public String gatewayUrl() {
        return "http://localhost:" + gatewayPort;
    }

    public String eurekaUrl() {
        return "http://127.0.0.1:" + discoveryPort + "/eureka/";
    }
}
