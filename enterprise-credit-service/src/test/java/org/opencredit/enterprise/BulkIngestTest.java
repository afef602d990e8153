package org.opencredit.enterprise;

import static org.opencredit.testkit.TestCodes.uscc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.contracts.events.Topics;
import org.opencredit.enterprise.record.RecordRules;
import org.opencredit.testkit.CreditInfrastructure;
import org.opencredit.testkit.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "60s")
class BulkIngestTest {

    static final MediaType CSV = MediaType.parseMediaType("text/csv");
    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    @Autowired
    WebTestClient http;
    @Autowired
    ReactiveMongoTemplate mongo;


    static byte[] sample() throws IOException {
        try (InputStream in = BulkIngestTest.class.getResourceAsStream("/samples/penalties-gb18030-sample.csv")) {
            return in.readAllBytes();
        }
    }

    WebTestClient.ResponseSpec submit(String query, MediaType type, byte[] body, String department) {
        return http.post().uri("/api/v1/records/batches" + query).contentType(type)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.department(department)).bodyValue(body).exchange();
    }

    static String ndjsonLine(String code, String id, String category, String summary) {
        return "{\"category\":\"" + category + "\",\"departmentRecordId\":\"" + id + "\",\"uscc\":\"" + code
                + "\",\"subjectName\":\"福州示例有限公司\",\"decisionDate\":\"" + LocalDate.now().minusDays(2)
                + "\",\"details\":{\"summary\":\"" + summary + "\"}}";
    }

    @Test
    void takesTheGb18030ExportOfAMarketSupervisionBureauAsItIsAndStoresNothingTwice() throws IOException {
        byte[] file = sample();
        submit("", CSV, file, "MARKET_SUPERVISION").expectStatus().isOk().expectBody()
                .jsonPath("$.format").isEqualTo("csv")
                .jsonPath("$.encoding").isEqualTo("GB18030")
                .jsonPath("$.lines").isEqualTo(12)
                .jsonPath("$.accepted").isEqualTo(12)
                .jsonPath("$.rejected").isEqualTo(0)
                .jsonPath("$.complete").isEqualTo(true);
        // fines arrive in units of 10,000 yuan: 3.2 becomes 32000 yuan
        http.get().uri("/api/v1/enterprises/913306001XG612DD2G/records?all=true").header(HttpHeaders.AUTHORIZATION, TestCallers.auditor()).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[0].penalty.fineAmount").isEqualTo(32000)
                .jsonPath("$[0].subjectName").isEqualTo("绍兴市博达电子科技有限公司")
                .jsonPath("$[0].departmentRecordId").isEqualTo("绍市监处罚〔2025〕1000号")
                .jsonPath("$[0].publicityEnds").isEqualTo("2026-06-19");

        submit("", CSV, file, "MARKET_SUPERVISION").expectStatus().isOk().expectBody()
                .jsonPath("$.accepted").isEqualTo(0)
                .jsonPath("$.duplicates").isEqualTo(12)
                .jsonPath("$.duplicateLines[0].line").isEqualTo(2);
        List<String> ids = new String(file, Charset.forName("GB18030")).lines().skip(1)
                .map(line -> RecordRules.recordId("MARKET_SUPERVISION", line.split(",")[4])).toList();
        assertThat(ids).hasSize(12).doesNotHaveDuplicates();
        assertThat(mongo.count(Query.query(Criteria.where("_id").in(ids)), "records").block()).isEqualTo(12);
    }

    @Test
    void keepsTheValidLinesAndNamesEveryRejectedOne() {
        String a = uscc("91350100MA2Y00301");
        String b = uscc("91350100MA2Y00302");
        String file = String.join("\n",
                ndjsonLine(a, "TAX-301", "TAX_ARREARS", "欠缴增值税12万元"),
                ndjsonLine(b.substring(0, 17) + "0", "TAX-302", "TAX_ARREARS", "wrong check character"),
                "",
                "{\"category\":\"TAX_ARREARS\", broken json",
                ndjsonLine(b, "TAX-303", "JUDGMENT_DEFAULTER", "not entitled"),
                ndjsonLine(b, "TAX-304", "TAX_ARREARS", "x").replace("\"details\"", "\"detials\""),
                ndjsonLine(b, "TAX-305", "TAX_ARREARS", "欠缴企业所得税"));
        submit("", NDJSON, file.getBytes(StandardCharsets.UTF_8), "TAX").expectStatus().isOk().expectBody()
                .jsonPath("$.lines").isEqualTo(6)
                .jsonPath("$.accepted").isEqualTo(2)
                .jsonPath("$.rejected").isEqualTo(4)
                .jsonPath("$.rejections[?(@.line==2)].field").isEqualTo("uscc")
                .jsonPath("$.rejections[?(@.line==4)].reason").value(r -> assertThat(r.toString()).contains("JSON"))
                .jsonPath("$.rejections[?(@.line==5)].reason").value(r -> assertThat(r.toString()).contains("may not submit JUDGMENT_DEFAULTER"))
                .jsonPath("$.rejections[?(@.line==6)].reason").value(r -> assertThat(r.toString()).contains("detials"));
        http.get().uri("/api/v1/enterprises/" + b + "/records").header(HttpHeaders.AUTHORIZATION, TestCallers.reader()).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].departmentRecordId").isEqualTo("TAX-305");
        // each stored record's event is published
        var events = TopicReader.readUntil(CreditInfrastructure.get().bootstrapServers(), Topics.RECORD,
                r -> r.stream().filter(x -> a.equals(x.key()) || b.equals(x.key())).count() >= 2, Duration.ofSeconds(20));
        assertThat(events.stream().filter(x -> a.equals(x.key()) || b.equals(x.key()))).hasSize(2);
    }

    @Test
    void aChunkOwesItsEventsToOneLedgerThatIsDeletedOncePublishedAndADuplicateFilePublishesNothing() {
        List<String> codes = IntStream.rangeClosed(1, 3).mapToObj(i -> uscc("91350100MA2Y0045" + i)).toList();
        String file = IntStream.range(0, 3).mapToObj(i -> ndjsonLine(codes.get(i), "LEDGER-" + i, "TAX_ARREARS", "欠税" + i))
                .collect(Collectors.joining("\n"));
        submit("", NDJSON, file.getBytes(StandardCharsets.UTF_8), "TAX").expectStatus().isOk().expectBody().jsonPath("$.accepted").isEqualTo(3);
        // the same file again: its chunk's ledger lists three events, but no record is stored, so none is published
        submit("", NDJSON, file.getBytes(StandardCharsets.UTF_8), "TAX").expectStatus().isOk().expectBody().jsonPath("$.duplicates").isEqualTo(3);

        List<org.bson.Document> records = mongo.find(Query.query(Criteria.where("uscc").in(codes)), org.bson.Document.class, "records")
                .collectList().block();
        assertThat(records).hasSize(3).allSatisfy(r -> assertThat(r.getList("outbox", Object.class)).isEmpty());
        String ledger = records.get(0).getString("outboxLedger");
        assertThat(records).extracting(r -> r.getString("outboxLedger")).containsOnly(ledger).doesNotContainNull();
        var events = TopicReader.readUntil(CreditInfrastructure.get().bootstrapServers(), Topics.RECORD,
                r -> r.stream().filter(x -> codes.contains(x.key())).count() >= 3, Duration.ofSeconds(20));
        assertThat(events).filteredOn(x -> codes.contains(x.key())).extracting(x -> x.key()).containsExactlyInAnyOrderElementsOf(codes);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(mongo.findById(ledger, org.bson.Document.class, "records_outbox_ledgers").block()).isNull());
    }

    @Test
    void aDryRunValidatesWithoutStoring() {
        String c = uscc("91350100MA2Y00401");
        String file = ndjsonLine(c, "TAX-401", "TAX_ARREARS", "欠税") + "\n" + ndjsonLine(c, "TAX-402", "NOPE", "x") + "\n";
        submit("?dryRun=true", NDJSON, file.getBytes(StandardCharsets.UTF_8), "TAX").expectStatus().isOk().expectBody()
                .jsonPath("$.dryRun").isEqualTo(true)
                .jsonPath("$.accepted").isEqualTo(1)
                .jsonPath("$.rejected").isEqualTo(1);
        assertThat(mongo.count(Query.query(Criteria.where("uscc").is(c)), "records").block()).isZero();
    }

    @Test
    void aFileOverTheLineLimitIsAnsweredWith413AndItsFirstLinesAreKept() {
        String d = uscc("91350100MA2Y00501");
        String file = IntStream.rangeClosed(1, 60).mapToObj(i -> ndjsonLine(d, "LIMIT-" + i, "TAX_ARREARS", "欠税" + i))
                .collect(Collectors.joining("\n"));
        submit("", NDJSON, file.getBytes(StandardCharsets.UTF_8), "TAX").expectStatus().isEqualTo(413).expectBody()
                .jsonPath("$.lines").isEqualTo(50)
                .jsonPath("$.accepted").isEqualTo(50)
                .jsonPath("$.complete").isEqualTo(false)
                .jsonPath("$.stop").isEqualTo("LINE_LIMIT");
        assertThat(mongo.count(Query.query(Criteria.where("uscc").is(d)), "records").block()).isEqualTo(50);
    }

    @Test
    void aCsvWithoutTheRequiredColumnsOrWithABrokenQuoteGets4xxNot5xx() {
        submit("", CSV, "行政相对人名称,统一社会信用代码,行政处罚决定书文号\n某公司,x,y\n".getBytes(StandardCharsets.UTF_8), "MARKET_SUPERVISION")
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("lacks the column(s)").contains("处罚类别"));
        String e = uscc("91350100MA2Y00601");
        String file = "category,departmentRecordId,uscc,subjectName,decisionDate,summary\n"
                + "TAX_ARREARS,CSV-601," + e + ",甲公司," + LocalDate.now().minusDays(1) + ",欠税\n"
                + "TAX_ARREARS,CSV-602," + e + ",\"乙公司," + LocalDate.now().minusDays(1) + ",欠税\n";
        submit("", CSV, file.getBytes(StandardCharsets.UTF_8), "TAX").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.accepted").isEqualTo(1)
                .jsonPath("$.stop").isEqualTo("MALFORMED");
        assertThat(mongo.count(Query.query(Criteria.where("uscc").is(e)), "records").block()).isEqualTo(1);
        submit("?encoding=KLINGON", CSV, file.getBytes(StandardCharsets.UTF_8), "TAX").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://opencredit.org/problems/unknown-encoding");
    }

    @Test
    void aLargeFileCanRunAsAJobWhoseProgressAndReportCanBeRead() {
        String f = uscc("91350100MA2Y00701");
        String file = IntStream.rangeClosed(1, 30).mapToObj(i -> ndjsonLine(f, "JOB-" + i, "TAX_ARREARS", "欠税" + i))
                .collect(Collectors.joining("\n"));
        String location = submit("?async=true", NDJSON, file.getBytes(Charset.forName("UTF-8")), "TAX")
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.status").isEqualTo("RUNNING")
                .returnResult().getResponseHeaders().getLocation().getPath();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> http.get().uri(location).header(HttpHeaders.AUTHORIZATION, TestCallers.department("TAX")).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("DONE")
                .jsonPath("$.accepted").isEqualTo(30)
                .jsonPath("$.report.lines").isEqualTo(30));
        http.get().uri("/api/v1/records/batches/no-such-job").header(HttpHeaders.AUTHORIZATION, TestCallers.department("TAX")).exchange().expectStatus().isNotFound();
    }
}
