package org.opencredit.blacklist.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.opencredit.contracts.security.Scopes;
import org.opencredit.testkit.FreePorts;
import org.opencredit.testkit.TestTokens;

/**
 * Credit checks at saturation, directly (internal token) and through the real gateway jar (API key:
 * key check, rate limit and quota, token minting, audit line and event, circuit breaker, proxying),
 * alternately in the same run, with {@code wrk} (32 connections, 2 threads) posting random checks
 * (half listed subjects, half on no list). The gateway runs in its own JVM ({@code -Xmx768m}, parallel
 * GC), like the service would in production; it needs {@code gateway/target/gateway.jar}.
 */
final class GatewayRatio {

    private static final String BOOTSTRAP = "bench-bootstrap-admin-key-" + System.nanoTime() + "-not-a-secret";

    static void run(String mongoUri, String bootstrapServers, int servicePort, List<String> listed, int seconds) throws Exception {
        Path jar = locate(Path.of("gateway", "target", "gateway.jar"));
        Path work = Files.createTempDirectory("opencredit-cc-gw-");
        int gatewayPort = FreePorts.next();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m", "-XX:+UseParallelGC",
                "-jar", jar.toString(),
                "--spring.cloud.discovery.client.simple.instances.blacklist-service[0].uri=http://127.0.0.1:" + servicePort);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("gateway.log").toFile());
        pb.environment().putAll(Map.of("SERVER_PORT", Integer.toString(gatewayPort), "EUREKA_CLIENT_ENABLED", "false",
                "LOGGING_LEVEL_ROOT", "WARN", "MONGODB_URI", mongoUri,
                "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                "OPENCREDIT_KEY_PEPPER", "bench-pepper-not-a-secret-bench-pepper-not-a-secret",
                "OPENCREDIT_BOOTSTRAP_ADMIN_KEY", BOOTSTRAP, "OPENCREDIT_TOKEN_SIGNING_JWKS", TestTokens.signingJwks(),
                // the audit line is part of the cost being measured: keep it on
                "LOGGING_LEVEL_OPENCREDIT_AUDIT", "INFO"));
        Process gateway = pb.start();
        try {
            awaitReady(gatewayPort);
            String key = createClient(gatewayPort);
            Path script = script(work, listed);
            String direct = "http://127.0.0.1:" + servicePort + "/api/v1/credit-checks";
            String viaGateway = "http://127.0.0.1:" + gatewayPort + "/api/v1/credit-checks";
            // one token for the whole comparison, as the gateway reuses one per client: valid for an hour
            String token = TestTokens.token().clientId("bench").kind(org.opencredit.contracts.security.ClientKind.DEPARTMENT).department("FINANCE").scopes(Scopes.CREDIT_CHECKS)
                    .expired(java.time.Duration.ofSeconds(-3600)).bearer();
            System.out.printf("gateway ratio: %s, %d s per run, wrk 2 threads, 32 connections (gateway log %s)%n", "/api/v1/credit-checks",
                    seconds, work.resolve("gateway.log"));
            Result warm = wrk(viaGateway, "X-API-Key: " + key, script, 60);
            System.out.printf("  gateway warm-up 60 s: %.0f checks/s, non-2xx %d%n", warm.rps, warm.errors);
            double sum = 0;
            for (int round = 1; round <= 2; round++) {
                Result d = wrk(direct, "Authorization: " + token, script, seconds);
                Result g = wrk(viaGateway, "X-API-Key: " + key, script, seconds);
                System.out.printf("  round %d: direct %.0f checks/s (p50 %.2f ms), gateway %.0f checks/s (p50 %.2f ms) -> %.1f %% "
                        + "(non-2xx %d / %d)%n", round, d.rps, d.p50, g.rps, g.p50, 100 * g.rps / d.rps, d.errors, g.errors);
                sum += g.rps / d.rps;
            }
            System.out.printf("RESULT gateway/direct throughput: %.1f %% (mean of 2 rounds; target >= 30 %%)%n", 100 * sum / 2);
        } finally {
            gateway.destroy();
            gateway.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The jar, looked up from the working directory and its parent (the bench runs from blacklist-service or the root). */
    private static Path locate(Path relative) {
        for (Path candidate : List.of(relative, Path.of("..").resolve(relative))) {
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(relative + " is missing: run mvn -q -DskipTests package from the repository root");
    }

    /** A wrk script posting one of 2,000 prepared checks at random (half of listed subjects). */
    private static Path script(Path work, List<String> listed) throws IOException {
        Random random = new Random(42);
        StringBuilder lua = new StringBuilder("wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nbodies = {\n");
        for (int i = 0; i < 2000; i++) {
            String subject = i % 2 == 0 ? listed.get(random.nextInt(listed.size()))
                    : CreditCheckBench.code(listed.size() + random.nextInt(1_000_000));
            lua.append("  '{\"uscc\":\"").append(subject).append("\",\"scenario\":\"")
                    .append(CreditCheckBench.SCENARIOS[random.nextInt(CreditCheckBench.SCENARIOS.length)]).append("\",\"purpose\":\"bench\"}',\n");
        }
        lua.append("}\nrequest = function()\n  return wrk.format(nil, nil, nil, bodies[math.random(#bodies)])\nend\n");
        Path script = work.resolve("checks.lua");
        Files.writeString(script, lua.toString());
        return script;
    }

    record Result(double rps, double p50, long errors) {
    }

    private static Result wrk(String url, String header, Path script, int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("wrk", "-t2", "-c32", "-d" + seconds + "s", "--latency", "-s", script.toString(), "-H", header, url)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed (apt-get install wrk):\n" + out);
        }
        Matcher rps = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
        Matcher p50 = Pattern.compile("\\s50%\\s+([0-9.]+)(us|ms|s)").matcher(out);
        Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses:\\s+([0-9]+)").matcher(out);
        if (!rps.find() || !p50.find()) {
            throw new IllegalStateException("unexpected wrk output:\n" + out);
        }
        double v = Double.parseDouble(p50.group(1));
        double ms = switch (p50.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
        return new Result(Double.parseDouble(rps.group(1)), ms, non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0);
    }

    private static void awaitReady(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the gateway did not become ready");
    }

    private static String createClient(int gatewayPort) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort
                        + "/api/v1/admin/clients")).header("X-API-Key", BOOTSTRAP).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"bench-finance\",\"name\":\"bench\",\"kind\":\"DEPARTMENT\","
                        + "\"department\":\"FINANCE\",\"scopes\":[\"credit-checks\"],"
                        + "\"limits\":{\"perSecond\":100000,\"burst\":100000,\"daily\":1000000000}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"key\":\"(ock_[^\"]+)\"").matcher(r.body());
        if (r.statusCode() != 201 || !m.find()) {
            throw new IllegalStateException("could not create the bench client: " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }

    private GatewayRatio() {
    }
}
