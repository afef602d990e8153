package org.opencredit.bench;

import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.opencredit.contracts.identifier.ResidentIdentityNumber;
import org.opencredit.contracts.security.ClientKind;
import org.opencredit.contracts.security.Scopes;
import org.opencredit.testkit.FreePorts;
import org.opencredit.testkit.KafkaBroker;
import org.opencredit.testkit.MongoWireServer;
import org.opencredit.testkit.TestTokens;

/**
 * personal-credit-service's bulk ingest: an NDJSON file of personal records (two records per person,
 * persons new to the platform, so they are registered on the way) from the HTTP request until every
 * record is stored and its event is on the topic, against raw {@code insertMany} (batches of 1,000) of
 * copies of the very record documents the pipeline stored, into the same store in the same run.
 * Arguments: {@code person-ingest [lines] [--warmup=seconds]} (defaults 100,000 and 90 s of warm-up traffic).
 */
final class PersonIngestBench {

    private static final String DB = "bench_pcs";
    private static final String TOPIC = "opencredit.person-record";

    private PersonIngestBench() {
    }

    static void run(int lines) throws Exception {
        Path work = Files.createTempDirectory("opencredit-bench-pcs-ingest-");
        try (KafkaBroker kafka = KafkaBroker.start(work.resolve("kafka"), FreePorts.next(), FreePorts.next());
             MongoWireServer mongo = MongoWireServer.startInMemory();
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            int port = FreePorts.next();
            Process service = PersonLookupBench.start(port, mongo.connectionString(), kafka.bootstrapServers(), work.resolve("service.log"));
            try {
                Bench.awaitReady(port);
                System.out.printf("personal-credit-service on port %d (log %s), memory backend%n", port, work.resolve("service.log"));
                MongoCollection<Document> records = client.getDatabase(DB).getCollection("person_records");
                MongoCollection<Document> ledgers = client.getDatabase(DB).getCollection("person_records_outbox_ledgers");
                // warm-up: the service's JIT and the store, with other persons and records (10,000-line files,
                // 5,000 new persons each, until Bench.WARMUP has passed: the JIT needs about 90 s on two cores)
                long warmStart = System.nanoTime();
                for (int round = 0; System.nanoTime() - warmStart < Bench.WARMUP.toNanos(); round++) {
                    Path warmFile = file("WARM" + round, 10_000, 1_000_000 + round * 5_000);
                    HttpResponse<String> warm = post(port, warmFile);
                    Files.delete(warmFile);
                    if (warm.statusCode() != 200) {
                        throw new IllegalStateException("warm-up answered " + warm.statusCode() + ": " + head(warm.body()));
                    }
                    Bench.awaitOutboxDrained(records, ledgers);
                    // the store lives in this JVM: 90 s of persons and records would fill its heap, so each round's go
                    records.deleteMany(new Document());
                    client.getDatabase(DB).getCollection("persons").deleteMany(new Document());
                }
                System.out.printf("warm-up: %.0f s of 10,000-line files%n", (System.nanoTime() - warmStart) / 1e9);
                long before = Bench.endOffsets(kafka, TOPIC);
                Path big = file("BENCH", lines, 0);
                long t0 = System.nanoTime();
                HttpResponse<String> answer = post(port, big);
                long answered = System.nanoTime();
                if (answer.statusCode() != 200 || !answer.body().contains("\"accepted\":" + lines + ",")) {
                    throw new IllegalStateException("ingest answered " + answer.statusCode() + ": " + head(answer.body()));
                }
                while (Bench.endOffsets(kafka, TOPIC) - before < lines) {
                    Thread.sleep(20);
                }
                long allPublished = System.nanoTime();
                long published = Bench.endOffsets(kafka, TOPIC) - before;
                long drained = Bench.awaitOutboxDrained(records, ledgers);
                double pipelineSeconds = (Math.max(answered, allPublished) - t0) / 1e9;
                long persons = client.getDatabase(DB).getCollection("persons").countDocuments();

                // baseline: copies of the record documents the pipeline stored, inserted raw in batches of 1,000
                List<Document> sample = records.find(com.mongodb.client.model.Filters.regex("record.departmentRecordId", "^BENCH-"))
                        .limit(1000).into(new ArrayList<>());
                MongoCollection<Document> raw = client.getDatabase("bench_raw").getCollection("person_records");
                Bench.insertCopies(raw, sample, 20_000); // warm-up of the raw path
                raw.drop();
                long r0 = System.nanoTime();
                Bench.insertCopies(raw, sample, lines);
                double rawSeconds = (System.nanoTime() - r0) / 1e9;

                System.out.printf("lines: %d (%d persons in the store after the run); events published: %d%n", lines, persons, published);
                System.out.printf("pipeline (HTTP request to all stored and published): %.1f s = %.0f records/s (answer after %.1f s; "
                                + "outbox fully marked sent after %.1f s)%n",
                        pipelineSeconds, lines / pipelineSeconds, (answered - t0) / 1e9, (drained - t0) / 1e9);
                System.out.printf("raw insertMany of the same record documents:        %.1f s = %.0f docs/s%n", rawSeconds, lines / rawSeconds);
                System.out.printf("ratio pipeline / raw: %.0f%% (target >= 40%%)%n", 100 * (lines / pipelineSeconds) / (lines / rawSeconds));
            } finally {
                service.destroy();
                service.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static String head(String body) {
        return body.substring(0, Math.min(500, body.length()));
    }

    /** {@code lines} traffic-penalty records, two per person, persons numbered from {@code firstPerson}. */
    static Path file(String prefix, int lines, int firstPerson) throws Exception {
        Path f = Files.createTempFile("bench-person-" + prefix, ".ndjson");
        String decided = LocalDate.now().minusDays(2).toString();
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            for (int i = 0; i < lines; i++) {
                int person = firstPerson + i / 2;
                String first17 = "350102" + LocalDate.of(1950, 1, 1).plusDays(person % 20_000).toString().replace("-", "")
                        + String.format("%03d", (person / 20_000) % 1000);
                String number = first17 + ResidentIdentityNumber.checkCharacter(first17);
                w.write("{\"departmentRecordId\":\"" + prefix + "-" + i + "\",\"category\":\"ADMIN_PENALTY\",\"identityNumber\":\"" + number
                        + "\",\"name\":\"基准" + person + "\",\"decisionDate\":\"" + decided + "\",\"title\":\"闯红灯\",\"content\":\"驾驶机动车"
                        + "违反交通信号灯通行，罚款" + (i % 9 + 1) * 100 + "元\",\"authority\":\"福州市公安局交通警察支队\"}\n");
            }
        }
        return f;
    }

    static HttpResponse<String> post(int port, Path body) throws Exception {
        String token = TestTokens.token().clientId("bench-dept").kind(ClientKind.DEPARTMENT).department("TRANSPORT")
                .scopes(Scopes.PERSONS_WRITE).expired(Duration.ofSeconds(-3600)).bearer();
        return Bench.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/person-records/batches"))
                        .header("Content-Type", "application/x-ndjson").header("Authorization", token)
                        .timeout(Duration.ofMinutes(30)).POST(HttpRequest.BodyPublishers.ofFile(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
