package org.opencredit.personal.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.contracts.events.EventTypes;
import org.opencredit.contracts.events.Topics;
import org.opencredit.personal.TestCallers;
import org.opencredit.testkit.CreditInfrastructure;
import org.opencredit.testkit.TopicReader;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk ingest of personal records (NDJSON): every line checked like a single submission, valid lines
 * stored with their events whatever the invalid ones, a prohibited field rejecting its line whole and
 * never stored, logged or echoed, idempotent by department record id, dry run, line limit (20 in tests).
 */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "60s")
class BatchIngestTest {

    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    /** A value that must never appear anywhere: it is in a prohibited field. */
    static final String SECRET = "AB-NEGATIVE-SECRET-7731";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient http;
    @Autowired
    ReactiveMongoTemplate mongo;

    final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void stopCapturing() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    String logged() {
        List<ILoggingEvent> copy;
        synchronized (logs) {
            copy = new ArrayList<>(logs.list);
        }
        return copy.stream().map(e -> e.getFormattedMessage() + " " + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage()))
                .collect(Collectors.joining("\n"));
    }

    static String line(String departmentRecordId, String number, String extra) {
        return """
                {"departmentRecordId":"%s","category":"ADMIN_PENALTY","identityNumber":"%s","name":"批量","decisionDate":"%s","title":"超速","content":"超速20%%"%s}"""
                .formatted(departmentRecordId, number, LocalDate.now().minusDays(3), extra).strip();
    }

    WebTestClient.ResponseSpec post(String token, String file, boolean dryRun) {
        return http.post().uri("/api/v1/person-records/batches" + (dryRun ? "?dryRun=true" : "")).contentType(NDJSON)
                .header(HttpHeaders.AUTHORIZATION, token).bodyValue(file).exchange();
    }

    JsonNode report(String file, boolean dryRun) {
        return JSON.readTree(post(TestCallers.department("TRANSPORT", null), file, dryRun).expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody());
    }

    static long n(JsonNode report, String key) {
        return report.get(key).asLong();
    }

    static List<JsonNode> rejections(JsonNode report) {
        List<JsonNode> out = new ArrayList<>();
        report.get("rejections").forEach(out::add);
        return out;
    }

    long stored(String prefix) {
        return mongo.count(Query.query(Criteria.where("record.departmentRecordId").regex("^" + prefix)), "person_records").block();
    }

    @Test
    void validLinesAreStoredWithTheirEventsWhateverTheInvalidOnesAndProhibitedFieldsLeaveNoTrace() {
        String a = TestCallers.newIdentityNumber();
        String b = TestCallers.newIdentityNumber();
        String p = "bulk-" + a.substring(8) + "-";
        String file = String.join("\n",
                line(p + "1", a, ""),                                                     // 1 ok
                line(p + "2", a, ",\"bloodType\":\"" + SECRET + "\""),                   // 2 prohibited: rejected whole
                line(p + "3", b, ""),                                                     // 3 ok (a second person)
                line(p + "4", a.substring(0, 17) + (a.charAt(17) == '0' ? '1' : '0'), ""), // 4 wrong check character
                "{not json",                                                              // 5 unreadable
                "",                                                                       // 6 blank: skipped
                line(p + "7", b, ",\"income\":5000"),                                     // 7 consent-bound without consent
                line(p + "8", a, ",\"colour\":\"red\""),                                  // 8 unknown field
                line(p + "1", a, ""),                                                     // 9 repeats line 1
                line(p + "10", b, "").replace("ADMIN_PENALTY", "NO_SUCH_CATEGORY"),       // 10 not catalogued
                line(p + "11", a, ",\"medicalHistory\":{\"note\":\"" + SECRET + "\"}")); // 11 prohibited, nested
        JsonNode report = report(file, false);

        assertThat(n(report, "lines")).isEqualTo(10);
        assertThat(n(report, "accepted")).isEqualTo(2);
        assertThat(n(report, "duplicates")).isEqualTo(1);
        assertThat(n(report, "rejected")).isEqualTo(7);
        assertThat(report.get("complete").asBoolean()).isTrue();
        assertThat(rejections(report)).extracting(r -> r.get("line").asLong() + ":" + r.get("field").asString()).contains(
                "2:bloodType", "4:identityNumber", "5:line", "7:income", "8:colour", "10:category", "11:medicalHistory");
        assertThat(report.get("duplicateLines")).hasSize(1);
        assertThat(report.get("duplicateLines").get(0).get("line").asLong()).isEqualTo(9);

        // the valid lines are stored (persons registered on the way), the rejected ones are not
        assertThat(stored(p)).isEqualTo(2);
        assertThat(mongo.findById(RecordService.recordId("TRANSPORT", p + "2"), Document.class, "person_records").block()).isNull();
        List<Document> records = mongo.find(Query.query(Criteria.where("record.departmentRecordId").regex("^" + p)), Document.class,
                "person_records").collectList().block();
        assertThat(records).allSatisfy(r -> assertThat(r.getString("subjectPseudonym")).matches("person:[0-9a-f]{16}"));
        String personA = records.stream().filter(r -> r.get("record", Document.class).getString("departmentRecordId").equals(p + "1"))
                .findFirst().orElseThrow().getString("personRef");

        // each stored record's published event, through the outbox
        List<ConsumerRecord<String, String>> events = TopicReader.readUntil(CreditInfrastructure.get().bootstrapServers(),
                        Topics.PERSON_RECORD, r -> r.stream().anyMatch(x -> personA.equals(x.key())), Duration.ofSeconds(20))
                .stream().filter(x -> personA.equals(x.key())).toList();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(TopicReader.header(e, "ce_type")).isEqualTo(EventTypes.PERSON_RECORD_PUBLISHED_V1);
            assertThat(e.value()).doesNotContain(a).doesNotContain(SECRET);
        });

        // the prohibited value is nowhere: not in the answer, the store, the outbox or the log
        assertThat(report.toString()).doesNotContain(SECRET).doesNotContain(a).doesNotContain(b);
        for (String collection : List.of("person_records", "persons", "access_log", "person_records_outbox_ledgers")) {
            assertThat(mongo.find(new Query(), Document.class, collection).map(Document::toJson).collectList().block())
                    .as(collection).noneMatch(j -> j.contains(SECRET));
        }
        assertThat(logged()).doesNotContain(SECRET);
    }

    @Test
    void aResubmittedFileStoresNothingTwiceAndAChangedLineIsAConflict() {
        String a = TestCallers.newIdentityNumber();
        String p = "again-" + a.substring(8) + "-";
        String file = IntStream.rangeClosed(1, 5).mapToObj(i -> line(p + i, a, "")).collect(Collectors.joining("\n"));
        assertThat(n(report(file, false), "accepted")).isEqualTo(5);

        JsonNode again = report(file.replace(line(p + "5", a, ""), line(p + "5", a, "").replace("超速20%", "超速50%")), false);
        assertThat(n(again, "accepted")).isZero();
        assertThat(n(again, "duplicates")).isEqualTo(4);
        assertThat(rejections(again)).singleElement().satisfies(r -> {
            assertThat(r.get("line").asLong()).isEqualTo(5);
            assertThat(r.get("field").asString()).isEqualTo("departmentRecordId");
            assertThat(r.get("reason").asString()).contains("/revisions");
        });
        assertThat(stored(p)).isEqualTo(5);
        // one person for all five lines
        List<String> persons = mongo.find(Query.query(Criteria.where("record.departmentRecordId").regex("^" + p)), Document.class, "person_records")
                .map(d -> d.getString("personRef")).distinct().collectList().block();
        assertThat(persons).hasSize(1);
        // the second file's chunk listed five events in its ledger, but stored no record: none of them is published
        String person = persons.get(0);
        List<ConsumerRecord<String, String>> events = TopicReader.readUntil(CreditInfrastructure.get().bootstrapServers(),
                        Topics.PERSON_RECORD, r -> r.stream().filter(x -> person.equals(x.key())).count() >= 5, Duration.ofSeconds(20))
                .stream().filter(x -> person.equals(x.key())).toList();
        assertThat(events).hasSize(5);
    }

    @Test
    void aChunkOwesItsEventsToOneLedgerThatIsDeletedOncePublishedNotToAnOutboxEntryPerRecord() {
        String a = TestCallers.newIdentityNumber();
        String p = "ledger-" + a.substring(8) + "-";
        String file = IntStream.rangeClosed(1, 4).mapToObj(i -> line(p + i, a, "")).collect(Collectors.joining("\n"));
        assertThat(n(report(file, false), "accepted")).isEqualTo(4);

        List<Document> records = mongo.find(Query.query(Criteria.where("record.departmentRecordId").regex("^" + p)), Document.class,
                "person_records").collectList().block();
        assertThat(records).hasSize(4).allSatisfy(r -> assertThat(r.getList("outbox", Object.class)).isEmpty());
        assertThat(records).extracting(r -> r.getString("outboxLedger")).doesNotContainNull().containsOnly(records.get(0).getString("outboxLedger"));
        String person = records.get(0).getString("personRef");
        List<ConsumerRecord<String, String>> events = TopicReader.readUntil(CreditInfrastructure.get().bootstrapServers(),
                        Topics.PERSON_RECORD, r -> r.stream().filter(x -> person.equals(x.key())).count() >= 4, Duration.ofSeconds(20))
                .stream().filter(x -> person.equals(x.key())).toList();
        assertThat(events).hasSize(4).allSatisfy(e -> assertThat(TopicReader.header(e, "ce_type")).isEqualTo(EventTypes.PERSON_RECORD_PUBLISHED_V1));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(mongo.findById(
                records.get(0).getString("outboxLedger"), Document.class, "person_records_outbox_ledgers").block()).isNull());
    }

    @Test
    void aDryRunChecksEverythingAndStoresNothing() {
        String a = TestCallers.newIdentityNumber();
        String known = TestCallers.newIdentityNumber();
        String p = "dry-" + a.substring(8) + "-";
        assertThat(n(report(line(p + "0", known, ""), false), "accepted")).isEqualTo(1);
        long persons = mongo.count(new Query(), "persons").block();

        JsonNode report = report(String.join("\n", line(p + "0", known, ""), line(p + "1", a, ""), line(p + "1", a, ""),
                line(p + "2", a, ",\"religion\":\"x\"")), true);
        assertThat(report.get("dryRun").asBoolean()).isTrue();
        assertThat(n(report, "accepted")).isEqualTo(1);
        assertThat(n(report, "duplicates")).isEqualTo(2);
        assertThat(rejections(report)).singleElement().satisfies(r -> assertThat(r.get("field").asString()).isEqualTo("religion"));
        assertThat(stored(p)).isEqualTo(1);
        assertThat(mongo.count(new Query(), "persons").block()).isEqualTo(persons);
    }

    @Test
    void onlyDepartmentsSubmitAndAFileOverTheLimitIsHandledUpToItAndRefused() {
        String a = TestCallers.newIdentityNumber();
        String p = "limit-" + a.substring(8) + "-";
        post(TestCallers.partner("partner-bulk", null), line(p + "x", a, ""), false).expectStatus().isForbidden();
        post(TestCallers.desk(null), line(p + "x", a, ""), false).expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/department-only");

        // the test configuration allows 20 lines
        String file = IntStream.rangeClosed(1, 25).mapToObj(i -> line(p + i, a, "")).collect(Collectors.joining("\n"));
        JsonNode report = JSON.readTree(post(TestCallers.department("TRANSPORT", null), file, false).expectStatus().isEqualTo(413)
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(report.get("complete").asBoolean()).isFalse();
        assertThat(report.get("stoppedBecause").asString()).contains("more than 20");
        assertThat(n(report, "accepted")).isEqualTo(20);
        assertThat(stored(p)).isEqualTo(20);
    }
}
