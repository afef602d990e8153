package org.opencredit.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.opencredit.contracts.security.Scopes;
import org.opencredit.testkit.FreePorts;
import org.opencredit.testkit.KafkaBroker;
import org.opencredit.testkit.MongoWireServer;
import org.opencredit.testkit.StoreProcess;
import org.opencredit.testkit.TestTokens;

/**
 * Benchmarks of enterprise-credit-service against a baseline measured in the same run.
 * <ul>
 *   <li>{@code ingest [lines]}: a bulk file from request to all records stored and their events
 *   published, against raw {@code insertMany} of the same stored documents into the same store.</li>
 *   <li>{@code report [records]}: credit reports for a subject with that many records at a fixed
 *   200 requests/s, latency percentiles measured from the intended send time.</li>
 * </ul>
 * The service runs as its real jar in its own JVM (build first: {@code mvn -q -DskipTests package}),
 * Kafka and the MongoDB-wire server (memory backend, or {@code --h2}) in this JVM; for {@code report}, the
 * store runs in a JVM of its own ({@link Store#forLatency()}).
 */
public final class Bench {

    static final String DB = "bench_ecs";
    /** Ingest traffic before an ingest bench measures (argument {@code --warmup=<seconds>}, default 90). */
    static Duration WARMUP = Duration.ofSeconds(90);
    /** Warm-up before a latency measurement, {@code -Dbench.warmup=<seconds>} (default 90). */
    static final int WARM_UP_SECONDS = Integer.getInteger("bench.warmup", 90);
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        a.stream().filter(x -> x.startsWith("--warmup=")).findFirst()
                .ifPresent(x -> WARMUP = Duration.ofSeconds(Long.parseLong(x.substring("--warmup=".length()))));
        String mode = a.isEmpty() ? "ingest" : a.get(0);
        if ("person-lookup".equals(mode)) {
            PersonLookupBench.run(a.size() > 1 && a.get(1).matches("\\d+") ? Integer.parseInt(a.get(1)) : 2_000,
                    a.stream().filter(x -> x.startsWith("--rate=")).map(x -> Integer.parseInt(x.substring(7))).findFirst().orElse(200));
            return;
        }
        if ("person-ingest".equals(mode)) {
            PersonIngestBench.run(a.size() > 1 && a.get(1).matches("\\d+") ? Integer.parseInt(a.get(1)) : 100_000);
            return;
        }
        if ("gateway".equals(mode)) {
            GatewayBench.run(a.size() > 1 && a.get(1).matches("\\d+") ? Integer.parseInt(a.get(1)) : 20);
            return;
        }
        boolean h2 = a.contains("--h2");
        int n = a.size() > 1 && a.get(1).matches("\\d+") ? Integer.parseInt(a.get(1)) : "report".equals(mode) ? 200 : 100_000;
        Path work = Files.createTempDirectory("opencredit-bench-");
        try (KafkaBroker kafka = KafkaBroker.start(work.resolve("kafka"), FreePorts.next(), FreePorts.next());
             Store mongo = h2 ? Store.of(MongoWireServer.startWithFileStore(work.resolve("mongo"), FreePorts.next()))
                     // a latency bench keeps the store out of the load generator's heap (StoreProcess); the ingest
                     // bench compares the pipeline with raw inserts into the same store, wherever it runs
                     : "report".equals(mode) ? Store.forLatency() : Store.of(MongoWireServer.startInMemory());
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            int port = FreePorts.next();
            Process service = startService(port, mongo.connectionString(), kafka.bootstrapServers(), work.resolve("service.log"));
            try {
                awaitReady(port);
                System.out.printf("store: %s; service on port %d (log %s)%n", h2 ? "H2 file backend" : "memory backend", port,
                        work.resolve("service.log"));
                if ("report".equals(mode)) {
                    int rate = a.stream().filter(x -> x.startsWith("--rate=")).map(x -> Integer.parseInt(x.substring(7)))
                            .findFirst().orElse(200);
                    report(port, client, kafka, n, rate);
                } else {
                    ingest(port, client, kafka, n);
                }
            } finally {
                service.destroy();
                service.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** The MongoDB-wire server a bench talks to, wherever it runs. */
    record Store(String connectionString, AutoCloseable handle) implements AutoCloseable {

        static Store of(MongoWireServer server) {
            return new Store(server.connectionString(), server);
        }

        /**
         * For latency benches: the store in a JVM of its own ({@link StoreProcess}; {@code -Dbench.store=inprocess}
         * keeps it in this one). In the load generator's JVM the store's documents make that heap's young pauses
         * long, and a pause there delays every request due meanwhile (measured on the credit-check bench, 2026-12-04).
         */
        static Store forLatency() throws IOException, InterruptedException {
            if ("inprocess".equals(System.getProperty("bench.store"))) {
                return of(MongoWireServer.startInMemory());
            }
            StoreProcess process = StoreProcess.start();
            return new Store(process.connectionString(), process);
        }

        @Override
        public void close() throws Exception {
            handle.close();
        }
    }

    static Process startService(int port, String mongoUri, String kafka, Path log) throws IOException {
        return startJar("enterprise-credit-service", "-Xmx768m", List.of(), port, log, Map.of(
                "MONGODB_URI", mongoUri, "MONGODB_DATABASE", DB, "KAFKA_BOOTSTRAP_SERVERS", kafka,
                // the service accepts only internal tokens; the bench signs its own like the gateway would
                "OPENCREDIT_TOKEN_VERIFICATION_JWKS", TestTokens.verificationJwks(),
                // per-chunk timings of the ingest pipeline, in the service log
                "LOGGING_LEVEL_ORG_OPENCREDIT_ENTERPRISE_INGEST_TIMING", "DEBUG"));
    }

    /**
     * Starts {@code <module>/target/<module>.jar} in its own JVM (parallel GC, full JIT) on {@code port},
     * without Eureka, logging WARN and above to {@code log}; {@code env} adds the module's settings.
     */
    static Process startJar(String module, String heap, List<String> args, int port, Path log, Map<String, String> env) throws IOException {
        Path jar = Path.of(module, "target", module + ".jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run mvn -q -DskipTests package from the repository root");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-XX:+UseParallelGC"));
        // extra flags for the service JVM, e.g. -Dbench.service.jvm=-XX:StartFlightRecording=filename=/tmp/x.jfr for a profile
        String extra = System.getProperty("bench.service.jvm", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(Arrays.asList(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SERVER_PORT", Integer.toString(port));
        pb.environment().put("EUREKA_CLIENT_ENABLED", "false");
        pb.environment().put("LOGGING_LEVEL_ROOT", "WARN");
        pb.environment().putAll(env);
        return pb.start();
    }

    static void awaitReady(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("service did not become ready");
    }

    static String uscc(long i, String region) {
        String first17 = "91" + region + String.format("%09d", i);
        return first17 + check(first17);
    }

    static char check(String first17) {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] w = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += alphabet.indexOf(first17.charAt(i)) * w[i];
        }
        int c = 31 - sum % 31;
        return alphabet.charAt(c == 31 ? 0 : c);
    }

    /** An NDJSON file of tax-arrears records, one line each, all valid. */
    static Path file(String prefix, int lines, java.util.function.IntFunction<String> usccOf) throws IOException {
        Path f = Files.createTempFile("bench-" + prefix, ".ndjson");
        String decided = LocalDate.now().minusDays(2).toString();
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            for (int i = 0; i < lines; i++) {
                w.write("{\"category\":\"TAX_ARREARS\",\"departmentRecordId\":\"" + prefix + "-" + i + "\",\"uscc\":\""
                        + usccOf.apply(i) + "\",\"subjectName\":\"基准测试" + i + "号有限公司\",\"decisionDate\":\"" + decided
                        + "\",\"details\":{\"summary\":\"欠缴增值税" + (i % 97 + 1) + "万元，已责令限期缴纳\",\"taxType\":\"增值税\",\"amount\":\""
                        + (i % 97 + 1) * 10000 + "\"}}\n");
            }
        }
        return f;
    }

    static HttpResponse<String> post(int port, Path body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/records/batches"))
                .header("Content-Type", "application/x-ndjson")
                .header("Authorization", TestTokens.department("TAX", Scopes.RECORDS_WRITE))
                .timeout(Duration.ofMinutes(30)).POST(HttpRequest.BodyPublishers.ofFile(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Blocks until no stored record still owes Kafka its event (no chunk ledger left, no record with an
     * outbox entry); returns when that was seen.
     */
    static long awaitOutboxDrained(MongoCollection<Document> records, MongoCollection<Document> ledgers) throws InterruptedException {
        while (ledgers.countDocuments() > 0 || records.countDocuments(Filters.exists("outbox.0")) > 0) {
            Thread.sleep(100);
        }
        return System.nanoTime();
    }

    static long endOffsets(KafkaBroker kafka, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> spec = new java.util.HashMap<>();
            for (int p = 0; p < partitions; p++) {
                spec.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(spec).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }

    static void ingest(int port, MongoClient client, KafkaBroker kafka, int lines) throws Exception {
        MongoCollection<Document> records = client.getDatabase(DB).getCollection("records");
        MongoCollection<Document> ledgers = client.getDatabase(DB).getCollection("records_outbox_ledgers");
        // warm-up: the service's JIT and the store, with other records; on two cores the JIT needs about
        // 90 s of traffic to settle, so 10,000-line files are sent until WARMUP has passed
        long warmStart = System.nanoTime();
        for (int round = 0; System.nanoTime() - warmStart < WARMUP.toNanos(); round++) {
            long first = 900_000_000L + round * 10_000L;
            Path warm = file("WARM" + round, 10_000, i -> uscc(first + i, "350200"));
            post(port, warm);
            awaitOutboxDrained(records, ledgers);
            Files.delete(warm);
            // the store lives in this JVM: keep it (and the heap) at the size the measured run starts from
            records.deleteMany(Filters.regex("record.departmentRecordId", "^WARM"));
        }
        System.out.printf("warm-up: %.0f s of 10,000-line files%n", (System.nanoTime() - warmStart) / 1e9);
        long before = endOffsets(kafka, "opencredit.record");
        Path big = file("BENCH", lines, i -> uscc(i, "350100"));
        long t0 = System.nanoTime();
        HttpResponse<String> answer = post(port, big);
        long answered = System.nanoTime();
        // stored when the answer came; published when every event is on the topic
        while (endOffsets(kafka, "opencredit.record") - before < lines) {
            Thread.sleep(20);
        }
        long allPublished = System.nanoTime();
        long published = endOffsets(kafka, "opencredit.record") - before;
        long drained = awaitOutboxDrained(records, ledgers);
        if (answer.statusCode() != 200 || !answer.body().contains("\"accepted\":" + lines)) {
            throw new IllegalStateException("ingest answered " + answer.statusCode() + ": " + answer.body().substring(0, Math.min(500, answer.body().length())));
        }
        double pipelineSeconds = (Math.max(answered, allPublished) - t0) / 1e9;

        // baseline: the very documents the pipeline stored, inserted raw with insertMany in batches of 1,000
        List<Document> sample = records.find(Filters.eq("record.category", "TAX_ARREARS")).limit(1000).into(new ArrayList<>());
        MongoCollection<Document> raw = client.getDatabase("bench_raw").getCollection("records");
        insertCopies(raw, sample, 20_000); // warm-up of the raw path
        raw.drop();
        long r0 = System.nanoTime();
        insertCopies(raw, sample, lines);
        double rawSeconds = (System.nanoTime() - r0) / 1e9;

        System.out.printf("lines: %d; events published: %d%n", lines, published);
        System.out.printf("pipeline (HTTP request to all stored and published): %.1f s = %.0f records/s (answer after %.1f s; "
                        + "outbox fully marked sent after %.1f s)%n",
                pipelineSeconds, lines / pipelineSeconds, (answered - t0) / 1e9, (drained - t0) / 1e9);
        System.out.printf("raw insertMany of the same documents:                %.1f s = %.0f docs/s%n", rawSeconds, lines / rawSeconds);
        System.out.printf("ratio pipeline / raw: %.0f%% (target >= 50%%)%n", 100 * (lines / pipelineSeconds) / (lines / rawSeconds));
    }

    static void insertCopies(MongoCollection<Document> raw, List<Document> sample, int total) {
        List<Document> batch = new ArrayList<>(1000);
        for (int i = 0; i < total; i++) {
            Document d = new Document(sample.get(i % sample.size()));
            d.put("_id", "raw-" + i);
            batch.add(d);
            if (batch.size() == 1000) {
                raw.insertMany(batch);
                batch = new ArrayList<>(1000);
            }
        }
        if (!batch.isEmpty()) {
            raw.insertMany(batch);
        }
    }

    static void report(int port, MongoClient client, KafkaBroker kafka, int recordsOfSubject, int rate) throws Exception {
        MongoCollection<Document> records = client.getDatabase(DB).getCollection("records");
        MongoCollection<Document> ledgers = client.getDatabase(DB).getCollection("records_outbox_ledgers");
        String subject = uscc(424_242L, "350100");
        post(port, file("OTHERS", 20_000, i -> uscc(100_000_000L + i, "350200")));
        post(port, file("SUBJECT", recordsOfSubject, i -> subject));
        HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/enterprises"))
                .header("Content-Type", "application/json").header("Authorization", TestTokens.department("MARKET_SUPERVISION",
                        Scopes.ENTERPRISES_WRITE)).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"uscc\":\"" + subject + "\",\"name\":\"基准报告测试有限公司\"}")).build(), HttpResponse.BodyHandlers.ofString());
        awaitOutboxDrained(records, ledgers);
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/enterprises/" + subject + "/report");
        HttpResponse<String> one;
        do { // the record index follows the events: wait until the report shows every record
            Thread.sleep(200);
            one = HTTP.send(HttpRequest.newBuilder(uri).header("Accept", "application/json")
                    .header("Authorization", TestTokens.partner(Scopes.ENTERPRISES_READ)).build(), HttpResponse.BodyHandlers.ofString());
        } while (!one.body().contains("\"count\":" + recordsOfSubject));
        System.out.printf("report: HTTP %d, %d bytes, %s records of the subject in the collection of %d%n", one.statusCode(),
                one.body().length(), recordsOfSubject, records.countDocuments());
        // the service's JIT needs about 90 s of traffic on these two cores before its latency is steady (measured
        // 2026-11-28 on blacklist-service: closed-loop throughput still rose from 100/s to 1,300/s over the first 80 s)
        fixedRate(uri, rate, Duration.ofSeconds(WARM_UP_SECONDS)); // warm-up
        List<Long> latencies = fixedRate(uri, rate, Duration.ofSeconds(30));
        java.util.Collections.sort(latencies);
        System.out.printf(rate + " req/s for 30 s (after %d s warm-up): %d answers; p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (target p99 <= 20 ms)%n",
                WARM_UP_SECONDS, latencies.size(), pct(latencies, 50), pct(latencies, 90), pct(latencies, 99), latencies.get(latencies.size() - 1) / 1e6);
    }

    static double pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100 * sorted.size()) - 1)) / 1e6;
    }

    /** Sends at a fixed rate regardless of answers; latency counts from the intended send time. */
    static List<Long> fixedRate(URI uri, int perSecond, Duration duration) throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        long interval = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        long total = duration.toSeconds() * perSecond;
        List<java.util.concurrent.CompletableFuture<?>> pending = new ArrayList<>();
        // one token for the whole run, as the gateway reuses one: the service verifies it once (valid for an hour, so a
        // 90 s warm-up does not turn into 401s after the usual 60 s lifetime)
        HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "application/json")
                .header("Authorization", TestTokens.token().clientId("partner-test").kind(org.opencredit.contracts.security.ClientKind.PARTNER)
                        .scopes(Scopes.ENTERPRISES_READ).expired(Duration.ofSeconds(-3600)).bearer()).build();
        for (long i = 0; i < total; i++) {
            long intended = start + i * interval;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            pending.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                if (e != null || r.statusCode() != 200) {
                    errors.incrementAndGet();
                }
                latencies.add(System.nanoTime() - intended);
            }));
        }
        java.util.concurrent.CompletableFuture.allOf(pending.toArray(new java.util.concurrent.CompletableFuture[0])).get(2, TimeUnit.MINUTES);
        if (errors.get() > 0) {
            System.out.println("errors: " + errors.get());
        }
        return latencies.stream().collect(Collectors.toCollection(ArrayList::new));
    }
}
