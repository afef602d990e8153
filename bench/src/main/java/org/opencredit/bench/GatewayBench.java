package org.opencredit.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.opencredit.contracts.identifier.Uscc;
import org.opencredit.contracts.security.Scopes;
import org.opencredit.testkit.FreePorts;
import org.opencredit.testkit.KafkaBroker;
import org.opencredit.testkit.MongoWireServer;
import org.opencredit.testkit.TestTokens;

/**
 * The gateway's cost: the same trivial read ({@code GET /api/v1/enterprises/{uscc}}, one small
 * document) called directly on enterprise-credit-service with an internal token, and through the
 * gateway with an API key — authentication, quota, token minting, audit, circuit breaker and
 * proxying included — in the same run, with {@code wrk} (Debian package) as the load generator.
 * Throughput at saturation (32 connections) and latency with one connection (below saturation).
 */
final class GatewayBench {

    private static final String BOOTSTRAP = "bench-bootstrap-admin-key-" + System.nanoTime() + "-not-a-secret";
    private static final String PEPPER = "bench-pepper-not-a-secret-bench-pepper-not-a-secret";

    static void run(int seconds) throws Exception {
        Path work = Files.createTempDirectory("opencredit-bench-gw-");
        try (KafkaBroker kafka = KafkaBroker.start(work.resolve("kafka"), FreePorts.next(), FreePorts.next());
             MongoWireServer mongo = MongoWireServer.startInMemory()) {
            int servicePort = FreePorts.next();
            int gatewayPort = FreePorts.next();
            Process service = Bench.startService(servicePort, mongo.connectionString(), kafka.bootstrapServers(), work.resolve("service.log"));
            Process gateway = null;
            try {
                Bench.awaitReady(servicePort);
                gateway = startGateway(gatewayPort, servicePort, mongo.connectionString(), kafka.bootstrapServers(), work.resolve("gateway.log"));
                Bench.awaitReady(gatewayPort);
                String code = "91350100MA2BENCH1";
                code = code + Uscc.checkCharacter(code);
                String token = TestTokens.token().clientId("bench").scopes(Scopes.ENTERPRISES_READ, Scopes.ENTERPRISES_WRITE)
                        .expired(java.time.Duration.ofSeconds(-3600)).bearer(); // i.e. valid for an hour: the whole run
                HttpResponse<String> created = Bench.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + servicePort + "/api/v1/enterprises"))
                        .header("Authorization", token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"uscc\":\"" + code + "\",\"name\":\"基准测试有限公司\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (created.statusCode() != 201) {
                    throw new IllegalStateException("could not register the bench subject: " + created.statusCode() + " " + created.body());
                }
                String key = createClient(gatewayPort);
                String path = "/api/v1/enterprises/" + code;
                String direct = "http://127.0.0.1:" + servicePort + path;
                String viaGateway = "http://127.0.0.1:" + gatewayPort + path;
                System.out.printf("gateway bench: %s, %d s per run, wrk 2 threads%n", path, seconds);

                HttpResponse<String> probe = Bench.HTTP.send(HttpRequest.newBuilder(URI.create(viaGateway)).header("X-API-Key", key).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (probe.statusCode() != 200) {
                    throw new IllegalStateException("the gateway answered " + probe.statusCode() + " " + probe.body());
                }
                // warm both JVMs, then measure alternately so drift hits both alike
                wrk(direct, "Authorization: " + token, 32, 20);
                Result warm = wrk(viaGateway, "X-API-Key: " + key, 32, 20);
                if (warm.errors > 0) {
                    HttpResponse<String> after = Bench.HTTP.send(HttpRequest.newBuilder(URI.create(viaGateway)).header("X-API-Key", key).build(),
                            HttpResponse.BodyHandlers.ofString());
                    System.out.printf("warm-up through the gateway had %d non-2xx answers; now: %d %s%n", warm.errors, after.statusCode(), after.body());
                }
                List<double[]> rounds = new ArrayList<>();
                for (int round = 0; round < 2; round++) {
                    Result d = wrk(direct, "Authorization: " + token, 32, seconds);
                    Result g = wrk(viaGateway, "X-API-Key: " + key, 32, seconds);
                    System.out.printf("round %d saturation: direct %.0f req/s, gateway %.0f req/s -> %.1f%% (non-2xx: %d / %d)%n",
                            round + 1, d.rps, g.rps, 100 * g.rps / d.rps, d.errors, g.errors);
                    rounds.add(new double[] {d.rps, g.rps});
                }
                Result d1 = wrk(direct, "Authorization: " + token, 1, seconds);
                Result g1 = wrk(viaGateway, "X-API-Key: " + key, 1, seconds);
                double ratio = rounds.stream().mapToDouble(r -> r[1] / r[0]).average().orElseThrow();
                System.out.printf("RESULT throughput ratio gateway/direct: %.1f%% (mean of %d rounds)%n", 100 * ratio, rounds.size());
                System.out.printf("RESULT one connection: direct p50 %.2f ms p99 %.2f ms (%.0f req/s); gateway p50 %.2f ms p99 %.2f ms (%.0f req/s); added p50 %.2f ms%n",
                        d1.p50, d1.p99, d1.rps, g1.p50, g1.p99, g1.rps, g1.p50 - d1.p50);
            } finally {
                if (gateway != null) {
                    gateway.destroy();
                    gateway.waitFor(30, TimeUnit.SECONDS);
                }
                service.destroy();
                service.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    record Result(double rps, double p50, double p99, long errors) {
    }

    static Result wrk(String url, String header, int connections, int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("wrk", "-t" + Math.min(2, connections), "-c" + connections, "-d" + seconds + "s", "--latency",
                "-H", header, url).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed (apt-get install wrk):\n" + out);
        }
        return new Result(number(out, "Requests/sec:\\s+([0-9.]+)"), millis(out, "50%"), millis(out, "99%"),
                (long) (out.contains("Non-2xx") ? number(out, "Non-2xx or 3xx responses:\\s+([0-9]+)") : 0));
    }

    private static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("unexpected wrk output:\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double millis(String out, String percentile) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + percentile + " latency in wrk output:\n" + out);
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }

    static Process startGateway(int port, int servicePort, String mongoUri, String kafka, Path log) throws IOException {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "MONGODB_URI", mongoUri, "KAFKA_BOOTSTRAP_SERVERS", kafka,
                "OPENCREDIT_KEY_PEPPER", PEPPER, "OPENCREDIT_BOOTSTRAP_ADMIN_KEY", BOOTSTRAP,
                "OPENCREDIT_TOKEN_SIGNING_JWKS", TestTokens.signingJwks(),
                // the audit line is part of the cost being measured: keep it on
                "LOGGING_LEVEL_OPENCREDIT_AUDIT", "INFO"));
        // experiments: BENCH_GATEWAY_ENV="NAME=value,NAME=value" adds or overrides gateway settings
        String extra = System.getenv("BENCH_GATEWAY_ENV");
        if (extra != null && !extra.isBlank()) {
            for (String pair : extra.split(",")) {
                String[] kv = pair.split("=", 2);
                env.put(kv[0].trim(), kv[1].trim());
            }
        }
        return Bench.startJar("gateway", "-Xmx768m",
                List.of("--spring.cloud.discovery.client.simple.instances.enterprise-credit-service[0].uri=http://127.0.0.1:" + servicePort),
                port, log, env);
    }

    private static String createClient(int gatewayPort) throws Exception {
        HttpResponse<String> r = Bench.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + "/api/v1/admin/clients"))
                .header("X-API-Key", BOOTSTRAP).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"bench-partner\",\"name\":\"bench\",\"kind\":\"PARTNER\","
                        + "\"scopes\":[\"enterprises:read\"],\"limits\":{\"perSecond\":100000,\"burst\":100000,\"daily\":1000000000}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"key\":\"(ock_[^\"]+)\"").matcher(r.body());
        if (r.statusCode() != 201 || !m.find()) {
            throw new IllegalStateException("could not create the bench client: " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }

    private GatewayBench() {
    }
}
