package org.opencredit.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.opencredit.contracts.identifier.Uscc;
import org.opencredit.testkit.FreePorts;

/**
 * Starts the platform exactly as the README's run command does ({@code java -jar
 * local-platform/target/local-platform.jar} from the repository root, after the build), on free
 * ports and a fresh data folder, and drives the first flow through the gateway only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalPlatformIT {

    static Process platform;
    static Path output;
    static String gateway;
    static List<ProcessHandle> children;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startPlatformAsTheReadmeDoes() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path home = Files.createTempDirectory("opencredit-e2e-");
        output = home.resolve("launcher.out");
        int gatewayPort = FreePorts.next();
        gateway = "http://127.0.0.1:" + gatewayPort;
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "local-platform/target/local-platform.jar")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        env.remove("MONGODB_URI");
        env.remove("KAFKA_BOOTSTRAP_SERVERS");
        env.put("OPENCREDIT_HOME", home.toString());
        env.put("GATEWAY_PORT", Integer.toString(gatewayPort));
        for (String name : List.of("DISCOVERY_PORT", "ENTERPRISE_PORT", "PERSONAL_PORT", "RATING_PORT", "BLACKLIST_PORT",
                "KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "MONGO_PORT")) {
            env.put(name, Integer.toString(FreePorts.next()));
        }
        env.put("OPENCREDIT_STARTUP_TIMEOUT_SECONDS", "300");
        platform = builder.start();
        await().atMost(Duration.ofSeconds(320)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            String out = launcherOutput();
            if (!platform.isAlive()) {
                throw new AssertionError("the platform exited during startup:\n" + out);
            }
            return out.contains(LocalPlatform.READY_LINE);
        });
        children = platform.descendants().toList();
    }

    @AfterAll
    static void stop() throws Exception {
        if (platform != null && platform.isAlive()) {
            platform.destroy();
            platform.waitFor(120, TimeUnit.SECONDS);
        }
    }

    static String launcherOutput() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    static HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(1)
    void theFirstFlowWorksThroughTheGatewayOnly() throws Exception {
        assertThat(launcherOutput()).contains("Swagger UI").contains("logs");
        assertThat(children).hasSize(6);

        String first17 = "91350100MA2YE2E01";
        String code = first17 + Uscc.checkCharacter(first17);

        HttpResponse<String> created = post("/api/v1/enterprises", "{\"uscc\":\"" + code + "\",\"name\":\"端到端测试有限公司\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"regionCode\":\"350100\"").contains("\"entityKind\":\"enterprise\"");

        char wrong = code.charAt(17) == '0' ? '1' : '0';
        HttpResponse<String> invalid = post("/api/v1/enterprises", "{\"uscc\":\"" + first17 + wrong + "\",\"name\":\"x\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(invalid.body()).contains("require '" + code.charAt(17) + "'");

        HttpResponse<String> duplicate = post("/api/v1/enterprises", "{\"uscc\":\"" + code + "\",\"name\":\"again\"}");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(get("/api/v1/enterprises/" + code).body()).contains("端到端测试有限公司");

        // the subject registered event reaches both read models within a few seconds
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            HttpResponse<String> rating = get("/api/v1/ratings/" + code);
            assertThat(rating.statusCode()).isEqualTo(200);
            assertThat(rating.body()).contains("端到端测试有限公司").contains("NOT_YET_RATED");
        });
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            HttpResponse<String> listing = get("/api/v1/lists/subjects/" + code);
            assertThat(listing.statusCode()).isEqualTo(200);
            assertThat(listing.body()).contains("\"restricted\":false");
        });

        HttpResponse<String> identity = post("/api/v1/persons/identity-checks", "{\"identityNumber\":\"11010519491231002X\"}");
        assertThat(identity.statusCode()).isEqualTo(200);
        assertThat(identity.body()).contains("110105********002X");
    }

    @Test
    @Order(2)
    void stopsEveryProcessCleanlyOnTermination() throws Exception {
        platform.destroy(); // SIGTERM, what Ctrl-C's SIGINT also triggers: the launcher's shutdown hook
        assertThat(platform.waitFor(120, TimeUnit.SECONDS)).as("launcher stopped").isTrue();
        assertThat(children).allSatisfy(child -> assertThat(child.isAlive()).as("pid " + child.pid()).isFalse());
        assertThat(launcherOutput()).contains("stopping ...").contains("stopped; data kept in")
                .doesNotContain("stopped unexpectedly");
    }
}
