package org.opencredit.blacklist.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.opencredit.blacklist.BlacklistApplication;
import org.opencredit.blacklist.entry.Action;
import org.opencredit.blacklist.entry.EntryState;
import org.opencredit.blacklist.entry.Ledger;
import org.opencredit.blacklist.entry.ListEntry;
import org.opencredit.blacklist.entry.Transition;
import org.opencredit.chassis.store.OptimisticLock;
import org.opencredit.contracts.identifier.Uscc;
import org.opencredit.contracts.security.Scopes;
import org.opencredit.testkit.CreditInfrastructure;
import org.opencredit.testkit.KafkaBroker;
import org.opencredit.testkit.StoreProcess;
import org.opencredit.testkit.TestTokens;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * Credit checks at a fixed arrival rate against the service with N listed entries (not a test: run by
 * hand, see the class comment in the README section). Open loop: each request's latency counts from
 * the moment it was due, so a stall is not hidden (no coordinated omission). The service runs as its real jar in a
 * JVM of its own ({@code -Dbench.inprocess=true}: in this JVM), the MongoDB-wire server (memory backend) in another
 * ({@link StoreProcess}; {@code -Dbench.store=inprocess}: in this JVM); Kafka broker and load generator share this
 * JVM, and all share the machine's two cores.
 * The ledgers are stored before the service starts (as a restarted service finds them).
 * <p>
 * Arguments: [entries=100000] [rate=500] [seconds=30] [warmupSeconds=20]; {@code -Dbench.jfr=<file>} records a
 * JFR profile of the measured run; {@code -Dbench.gateway=<seconds>} then compares throughput at saturation through
 * the gateway jar (its own JVM) with direct calls ({@link GatewayRatio}, needs {@code wrk}).
 * The JIT needs about 90 s of closed-loop traffic on two cores before the service reaches its steady state
 * (the warm-up prints its rate every 5 s): give at least that much warm-up.
 */
public final class CreditCheckBench {

    static final String[] LIST_TYPES = {"JUDGMENT_DEFAULTER", "SERIOUS_DISHONESTY", "MAJOR_TAX_VIOLATION", "ABNORMAL_OPERATION"};
    static final String[] SCENARIOS = {"GOVERNMENT_PROCUREMENT", "BIDDING", "SUBSIDY", "LICENSING", "HONOURS", "FINANCING"};

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        // the store in a JVM of its own (-Dbench.store=inprocess: in this one, as before 2026-12-04): with the store's
        // 1 GB of documents in the load generator's heap, that heap's young pauses (40-90 ms every 20 s) were the run's
        // slowest seconds, a cost of the test kit, not of the service; Kafka (idle while measuring) stays here
        String mongoUri;
        String bootstrapServers;
        if ("inprocess".equals(System.getProperty("bench.store"))) {
            CreditInfrastructure.Running infrastructure = CreditInfrastructure.get();
            mongoUri = infrastructure.mongoUri();
            bootstrapServers = infrastructure.bootstrapServers();
        } else {
            mongoUri = StoreProcess.start().connectionString(); // stopped by its shutdown hook
            bootstrapServers = KafkaBroker.startTemporary().bootstrapServers();
        }
        // seeded before the service starts, as a restarted service finds its store (it reads them at start)
        List<String> listed = seed(mongoUri, entries);
        ConfigurableApplicationContext ctx = null;
        Process service = null;
        int port;
        if (Boolean.getBoolean("bench.inprocess")) {
            // the service's own configuration only: the test configuration on this classpath recounts the gauges every
            // 300 ms (two aggregations over all ledgers) and sweeps the outbox every 300 ms, which production never does
            System.setProperty("spring.config.location", "classpath:/application.yml");
            ctx = new SpringApplicationBuilder(BlacklistApplication.class)
                    .properties("server.port=0", "eureka.client.enabled=false", "logging.level.root=WARN",
                            // the service's own loggers at their production level (INFO)
                            "logging.level.org.opencredit=INFO",
                            "opencredit.blacklist.expiry-sweep-interval=PT24H")
                    .run();
            port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
            awaitListedEntries(ctx);
        } else {
            // the real jar in a JVM of its own, as deployed (and as the other services' benches run theirs)
            port = org.opencredit.testkit.FreePorts.next();
            java.nio.file.Path log = java.nio.file.Files.createTempFile("blacklist-bench-", ".log");
            service = startJar(port, mongoUri, bootstrapServers, log);
            awaitHeld(service, log);
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/credit-checks");
        warmUp(client, uri, listed, warmup);
        // then 20 s open loop at the measured rate (the switch from four closed-loop connections to the open loop was
        // where every measured run had its worst seconds), as the report and lookup benches warm up at their rate
        run(client, uri, listed, rate, 20, "open-loop warm-up");
        // -Dbench.jfr=<file>: a JFR profile (settings "profile") of the measured run only
        String jfr = System.getProperty("bench.jfr");
        jdk.jfr.Recording recording = null;
        if (jfr != null) {
            recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            recording.start();
        }
        run(client, uri, listed, rate, seconds, "measured");
        if (recording != null) {
            recording.dump(java.nio.file.Path.of(jfr));
            recording.close();
        }
        // -Dbench.gateway=<seconds per round>: throughput at saturation through the gateway jar vs direct (wrk)
        String gatewaySeconds = System.getProperty("bench.gateway");
        if (gatewaySeconds != null) {
            GatewayRatio.run(mongoUri, bootstrapServers, port, listed, Integer.parseInt(gatewaySeconds));
        }
        if (ctx != null) {
            ctx.close();
        }
        if (service != null) {
            service.destroy();
            service.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    /**
     * Starts {@code blacklist-service/target/blacklist-service.jar} ({@code -Xmx768m -XX:+UseParallelGC}, like the
     * other services' benches; {@code -Dbench.service.jvm="..."} replaces these options) on the bench's broker and store.
     */
    static Process startJar(int port, String mongoUri, String bootstrapServers, java.nio.file.Path log) throws Exception {
        java.nio.file.Path jar = java.nio.file.Path.of("target", "blacklist-service.jar");
        if (!java.nio.file.Files.exists(jar)) {
            jar = java.nio.file.Path.of("blacklist-service", "target", "blacklist-service.jar");
        }
        if (!java.nio.file.Files.exists(jar)) {
            throw new IllegalStateException("blacklist-service.jar is missing: mvn -q -DskipTests package -pl blacklist-service -am");
        }
        List<String> command = new ArrayList<>(List.of(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(System.getProperty("bench.service.jvm", "-Xmx768m -XX:+UseParallelGC").trim().split("\\s+")));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(java.util.Map.of("SERVER_PORT", Integer.toString(port), "EUREKA_CLIENT_ENABLED", "false",
                "LOGGING_LEVEL_ROOT", "WARN", "LOGGING_LEVEL_ORG_OPENCREDIT", "INFO",
                "MONGODB_URI", mongoUri, "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                "OPENCREDIT_TOKEN_VERIFICATION_JWKS", TestTokens.verificationJwks(),
                "OPENCREDIT_PERSON_PEPPER", "bench-person-pepper-not-a-secret-bench-person-pepper",
                "OPENCREDIT_LIST_EXPIRY_SWEEP", "PT24H"));
        System.out.printf("service: %s %s (log %s)%n", String.join(" ", command.subList(1, command.size() - 2)), jar, log);
        return pb.start();
    }

    /** Waits until the service's log says it holds the listed entries in memory. */
    static void awaitHeld(Process service, java.nio.file.Path log) throws Exception {
        long start = System.nanoTime();
        while (true) {
            String text = java.nio.file.Files.readString(log);
            if (text.contains("held in memory")) {
                System.out.printf("listed entries held in memory %.1f s after the start%n", (System.nanoTime() - start) / 1e9);
                return;
            }
            if (!service.isAlive() || System.nanoTime() - start > 600_000_000_000L) {
                throw new IllegalStateException("the service did not hold its listed entries; log " + log);
            }
            Thread.sleep(200);
        }
    }

    /**
     * Waits until the service holds the listed entries in memory (the class exists since 2026-11-28; by name, so
     * the bench also runs against the code before it).
     */
    static void awaitListedEntries(ConfigurableApplicationContext ctx) throws Exception {
        Class<?> type;
        try {
            type = Class.forName("org.opencredit.blacklist.entry.ListedEntries");
        } catch (ClassNotFoundException e) {
            System.out.println("no in-memory listed entries in this code: checks read the ledgers");
            return;
        }
        Object listed = ctx.getBean(type);
        java.lang.reflect.Method ready = type.getMethod("ready");
        long start = System.nanoTime();
        while (!(Boolean) ready.invoke(listed)) {
            if (System.nanoTime() - start > 600_000_000_000L) {
                throw new IllegalStateException("the listed entries were not read within 10 minutes");
            }
            Thread.sleep(100);
        }
        System.out.printf("listed entries held in memory %.1f s after the start%n", (System.nanoTime() - start) / 1e9);
    }

    /** Stores {@code entries} ledgers, each with one entry LISTED until two years from now; returns their subjects. */
    static List<String> seed(String mongoUri, int entries) {
        List<String> listed = new ArrayList<>(entries);
        LocalDate today = LocalDate.now();
        Instant now = Instant.now();
        long seedStart = System.nanoTime();
        try (MongoClient client = MongoClients.create(mongoUri)) {
            ReactiveMongoTemplate mongo = new ReactiveMongoTemplate(client, "blacklist");
            for (int batch = 0; batch < entries; batch += 1000) {
                List<Ledger> ledgers = new ArrayList<>(1000);
                for (int i = batch; i < Math.min(entries, batch + 1000); i++) {
                    String code = code(i);
                    listed.add(code);
                    String type = LIST_TYPES[i % LIST_TYPES.length];
                    ListEntry e = new ListEntry(code + "-1", code, "LEGAL_PERSON", "基准测试主体" + i, null, type, EntryState.LISTED,
                            "bench", "basis", "BENCH-" + i, "OFFICE", null, today.minusDays(30), today.minusDays(25),
                            today.minusDays(15), null, today.minusDays(14), today.plusYears(2), null, null, null, 3,
                            List.of(new Transition(Action.LIST, EntryState.NOTIFIED, EntryState.LISTED, "bench", "OFFICE", now, "bench")));
                    ledgers.add(new Ledger(code, "LEGAL_PERSON", 2, List.of(e), List.of(), 1, OptimisticLock.of(code, 1)));
                }
                mongo.insertAll(reactor.core.publisher.Mono.just(ledgers), Ledger.COLLECTION).then().block();
                if ((batch + 1000) % 20_000 == 0) {
                    System.out.printf("seeded %d in %.1f s%n", batch + 1000, (System.nanoTime() - seedStart) / 1e9);
                }
            }
        }
        System.out.printf("seeded %d listed entries in %.1f s%n", entries, (System.nanoTime() - seedStart) / 1e9);
        return listed;
    }

    static String code(int i) {
        String first17 = "91350100MA" + String.format("%07d", i);
        return first17 + Uscc.checkCharacter(first17);
    }

    /** Closed loop, 4 callers back to back: brings the JIT to steady state before the fixed-rate run. */
    static void warmUp(HttpClient client, URI uri, List<String> listed, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong n = new AtomicLong();
        List<Thread> callers = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            Thread t = new Thread(() -> {
                String token = TestTokens.department("FINANCE", Scopes.CREDIT_CHECKS);
                while (System.nanoTime() < end) {
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    String subject = r.nextBoolean() ? listed.get(r.nextInt(listed.size())) : code(listed.size() + r.nextInt(1_000_000));
                    try {
                        client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Authorization", token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"uscc\":\"" + subject + "\",\"scenario\":\""
                                        + SCENARIOS[r.nextInt(SCENARIOS.length)] + "\",\"purpose\":\"bench\"}")).build(),
                                HttpResponse.BodyHandlers.discarding());
                        n.incrementAndGet();
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            t.start();
            callers.add(t);
        }
        long last = 0;
        long windowStart = System.nanoTime();
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(5_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            long now = n.get();
            System.out.printf("  warm-up window: %.0f checks/s%n", (now - last) / ((System.nanoTime() - windowStart) / 1e9));
            last = now;
            windowStart = System.nanoTime();
        }
        for (Thread t : callers) {
            t.join();
        }
        System.out.printf("warm-up: %d checks closed-loop in %d s (%.0f/s)%n", n.get(), seconds, n.get() / (double) seconds);
    }

    static void run(HttpClient client, URI uri, List<String> listed, int rate, int seconds, String label) throws Exception {
        Histogram latencies = new ConcurrentHistogram(60_000_000_000L, 3);
        AtomicLong errors = new AtomicLong();
        AtomicLong prohibited = new AtomicLong();
        AtomicLong done = new AtomicLong();
        long interval = 1_000_000_000L / rate;
        long total = (long) rate * seconds;
        java.util.concurrent.atomic.AtomicLongArray worstPerSecond = new java.util.concurrent.atomic.AtomicLongArray(seconds + 1);
        long start = System.nanoTime();
        String token = TestTokens.department("FINANCE", Scopes.CREDIT_CHECKS);
        long tokenAt = start;
        for (long n = 0; n < total; n++) {
            long due = start + n * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (System.nanoTime() - tokenAt > 20_000_000_000L) {
                token = TestTokens.department("FINANCE", Scopes.CREDIT_CHECKS);
                tokenAt = System.nanoTime();
            }
            ThreadLocalRandom r = ThreadLocalRandom.current();
            // half the checks hit a listed subject, half a subject on no list
            String subject = r.nextBoolean() ? listed.get(r.nextInt(listed.size())) : code(listed.size() + r.nextInt(1_000_000));
            String body = "{\"uscc\":\"" + subject + "\",\"scenario\":\"" + SCENARIOS[r.nextInt(SCENARIOS.length)]
                    + "\",\"purpose\":\"bench\"}";
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Authorization", token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            int second = (int) (n / rate);
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, e) -> {
                long latency = System.nanoTime() - due;
                latencies.recordValue(latency);
                worstPerSecond.accumulateAndGet(second, latency, Math::max);
                if (e != null || response.statusCode() != 200) {
                    errors.incrementAndGet();
                } else if (response.body().contains("\"PROHIBITED\"")) {
                    prohibited.incrementAndGet();
                }
                done.incrementAndGet();
            });
        }
        while (done.get() < total && System.nanoTime() - start < (seconds + 30) * 1_000_000_000L) {
            Thread.sleep(50);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s: %d checks at %d/s target (%.0f/s achieved), errors %d, prohibited %d; latency ms p50 %.2f p90 %.2f "
                        + "p99 %.2f p99.9 %.2f max %.2f%n", label, done.get(), rate, done.get() / elapsed, errors.get(), prohibited.get(),
                latencies.getValueAtPercentile(50) / 1e6, latencies.getValueAtPercentile(90) / 1e6,
                latencies.getValueAtPercentile(99) / 1e6, latencies.getValueAtPercentile(99.9) / 1e6, latencies.getMaxValue() / 1e6);
        StringBuilder slow = new StringBuilder();
        for (int i = 0; i < worstPerSecond.length(); i++) {
            if (worstPerSecond.get(i) > 20_000_000L) {
                slow.append(String.format(" %d:%.0f", i, worstPerSecond.get(i) / 1e6));
            }
        }
        System.out.println("  seconds of the run with an answer slower than 20 ms (second:worst ms):" + (slow.length() == 0 ? " none" : slow));
    }
}
