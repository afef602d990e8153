package org.opencredit.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.opencredit.contracts.identifier.ResidentIdentityNumber;
import org.opencredit.contracts.security.ClientKind;
import org.opencredit.contracts.security.Scopes;
import org.opencredit.testkit.FreePorts;
import org.opencredit.testkit.KafkaBroker;
import org.opencredit.testkit.TestTokens;

/**
 * personal-credit-service's person lookup: {@code POST /api/v1/persons/lookup} by identity number
 * (keyed hash, find, the registered consent's check, decrypt, access-log write, masked answer) as a
 * partner with purpose and a consent registered for each person, at a fixed rate, latency measured from the intended send time. The service runs as its
 * real jar ({@code mvn -q -DskipTests package} first); Kafka runs in this JVM, the MongoDB-wire server (memory
 * backend) in a JVM of its own ({@link Bench.Store#forLatency()}). Arguments: {@code person-lookup [persons] [--rate=200]}.
 */
final class PersonLookupBench {

    private static final String DB = "bench_pcs";

    private PersonLookupBench() {
    }

    static void run(int persons, int rate) throws Exception {
        Path work = Files.createTempDirectory("opencredit-bench-pcs-");
        try (KafkaBroker kafka = KafkaBroker.start(work.resolve("kafka"), FreePorts.next(), FreePorts.next());
             Bench.Store mongo = Bench.Store.forLatency();
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            int port = FreePorts.next();
            Process service = start(port, mongo.connectionString(), kafka.bootstrapServers(), work.resolve("service.log"));
            try {
                Bench.awaitReady(port);
                System.out.printf("personal-credit-service on port %d (log %s), memory backend%n", port, work.resolve("service.log"));
                List<String> numbers = register(port, persons);
                long logBefore = client.getDatabase(DB).getCollection("access_log").countDocuments();
                fixedRate(port, numbers, rate, Duration.ofSeconds(Bench.WARM_UP_SECONDS)); // warm-up (JIT steady state)
                List<Long> latencies = fixedRate(port, numbers, rate, Duration.ofSeconds(30));
                long logged = client.getDatabase(DB).getCollection("access_log").countDocuments() - logBefore;
                Collections.sort(latencies);
                System.out.printf("person lookup, %d persons, %d req/s for 30 s (+%d s warm-up): %d answers, %d access-log entries; "
                                + "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (target p99 <= 20 ms)%n", persons, rate, Bench.WARM_UP_SECONDS,
                        latencies.size(), logged, Bench.pct(latencies, 50), Bench.pct(latencies, 90), Bench.pct(latencies, 99),
                        latencies.get(latencies.size() - 1) / 1e6);
            } finally {
                service.destroy();
                service.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    static Process start(int port, String mongoUri, String kafka, Path log) throws IOException {
        return Bench.startJar("personal-credit-service", "-Xmx512m", List.of(), port, log, Map.of(
                "MONGODB_URI", mongoUri, "MONGODB_DATABASE", DB, "KAFKA_BOOTSTRAP_SERVERS", kafka,
                "OPENCREDIT_TOKEN_VERIFICATION_JWKS", TestTokens.verificationJwks(),
                "OPENCREDIT_PERSONAL_ENCRYPTION_KEY", randomKey(), "OPENCREDIT_PERSONAL_HASH_KEY", randomKey(),
                "OPENCREDIT_PERSON_PEPPER", randomKey(),
                // one bench client asks for thousands of persons: not an enumeration here
                "OPENCREDIT_PERSONAL_ENUMERATION_MAX_PERSONS", "100000000"));
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static List<String> register(int port, int persons) throws Exception {
        String token = TestTokens.token().clientId("bench-dept").kind(ClientKind.DEPARTMENT).department("TRANSPORT")
                .scopes(Scopes.PERSONS_WRITE).expired(Duration.ofSeconds(-3600)).bearer();
        String office = TestTokens.token().clientId("bench-office").kind(ClientKind.OFFICE).scopes(Scopes.ADMIN)
                .expired(Duration.ofSeconds(-3600)).bearer();
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < persons; i++) {
            String first17 = "350102" + LocalDate.of(1960, 1, 1).plusDays(i % 15_000).toString().replace("-", "")
                    + String.format("%03d", (i / 15_000) % 1000);
            String number = first17 + ResidentIdentityNumber.checkCharacter(first17);
            HttpResponse<String> r = Bench.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/persons"))
                    .header("Authorization", token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"identityNumber\":\"" + number + "\",\"name\":\"基准" + i + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("could not register bench person " + i + ": " + r.statusCode() + " " + r.body());
            }
            // the person's written authorisation for the bench partner, as the credit office registers it
            String consent = "{\"reference\":\"" + consentOf(i) + "\",\"identityNumber\":\"" + number + "\",\"name\":\"基准" + i
                    + "\",\"client\":\"bench-partner\",\"purposes\":[\"FINANCING\"],\"validFrom\":\"" + LocalDate.now().minusDays(1)
                    + "\",\"validUntil\":\"" + LocalDate.now().plusDays(30) + "\"}";
            HttpResponse<String> c = Bench.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/persons/consents"))
                    .header("Authorization", office).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(consent)).build(), HttpResponse.BodyHandlers.ofString());
            if (c.statusCode() != 201) {
                throw new IllegalStateException("could not register the consent of bench person " + i + ": " + c.statusCode() + " " + c.body());
            }
            numbers.add(number);
        }
        return numbers;
    }

    private static String consentOf(int person) {
        return "BENCH-CONSENT-" + person;
    }

    /** Sends at a fixed rate regardless of answers; latency counts from the intended send time. */
    private static List<Long> fixedRate(int port, List<String> numbers, int perSecond, Duration duration) throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        String token = TestTokens.token().clientId("bench-partner").kind(ClientKind.PARTNER).purpose("FINANCING")
                .scopes(Scopes.PERSONS_READ).expired(Duration.ofSeconds(-3600)).bearer();
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/persons/lookup");
        long interval = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        long total = duration.toSeconds() * perSecond;
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (long i = 0; i < total; i++) {
            long intended = start + i * interval;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int person = ThreadLocalRandom.current().nextInt(numbers.size());
            String number = numbers.get(person);
            HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", token).header("Content-Type", "application/json")
                    .header("X-Consent-Reference", consentOf(person))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"identityNumber\":\"" + number + "\"}")).build();
            pending.add(Bench.HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                if (e != null || r.statusCode() != 200) {
                    errors.incrementAndGet();
                }
                latencies.add(System.nanoTime() - intended);
            }));
        }
        CompletableFuture.allOf(pending.toArray(new CompletableFuture[0])).get(2, TimeUnit.MINUTES);
        if (errors.get() > 0) {
            System.out.println("errors: " + errors.get());
        }
        return new ArrayList<>(latencies);
    }
}
