package org.opencredit.enterprise.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencredit.testkit.TestCodes.uscc;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.testkit.CreditInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.convert.MongoConverter;

/** The bulk ingest's hand-built record documents are exactly what Spring Data's mapping writes. */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest
class RecordBsonTest {

    static final String ENTERPRISE = uscc("91350100MA2Y00101");

    @Autowired
    MongoConverter converter;
    @Autowired
    RecordRules rules;
    @Autowired
    RecordService records;

    /** As the bulk ingest stores it: the event in the chunk ledger, none in the outbox. */
    RecordDocument bulkSubmitted(RecordSubmission submission, String department) {
        RecordRules.Outcome outcome = rules.check(submission, department);
        assertThat(outcome.errors()).isEmpty();
        RecordDocument d = records.document(outcome.record(), department);
        d.outboxLedger = "ledger-1";
        d.outbox = new java.util.ArrayList<>();
        return d;
    }

    void assertSameAsMapping(RecordDocument d) {
        Document mapped = new Document();
        converter.write(d, mapped);
        Document built = new RecordBson(converter).of(d);
        assertThat(built).isEqualTo(mapped);
        assertThat(built.toJson()).isEqualTo(mapped.toJson()); // same types too (dates, amounts), not only equal values
    }

    @Test
    void aPenaltyWithAmountsAndDatesIsWrittenAsTheMappingWritesIt() {
        PenaltyFields penalty = new PenaltyFields("闽榕市监罚〔2026〕1号", "无证经营", "当事人无证经营，经查属实。", "《中华人民共和国行政处罚法》",
                "罚款", "罚款3.2万元", new BigDecimal("32000.50"), BigDecimal.ZERO, "否", LocalDate.now().plusYears(1), "福州市市场监督管理局",
                uscc("11350100MB0000001"), "市场监管", null, "备注");
        assertSameAsMapping(bulkSubmitted(new RecordSubmission("ADMIN_PENALTY", "GENERAL", "闽榕市监罚〔2026〕1号", ENTERPRISE,
                "福州示例科技有限公司", LocalDate.now().minusDays(3), null, penalty, null, null), "MARKET_SUPERVISION"));
    }

    @Test
    void aLicenceIsWrittenAsTheMappingWritesIt() {
        LicenceFields licence = new LicenceFields("食品经营许可证", "JY13501000000001", LicenceFields.LicenceCategory.ORDINARY,
                "证书", "C-1", "预包装食品销售", LocalDate.now().minusDays(3), LocalDate.now().plusYears(5), "福州市市场监督管理局", null, "有效");
        assertSameAsMapping(bulkSubmitted(new RecordSubmission("ADMIN_LICENCE", null, "l-1", ENTERPRISE, "福州示例科技有限公司",
                LocalDate.now().minusDays(3), null, null, licence, null), "MARKET_SUPERVISION"));
    }

    @Test
    void freeDetailsOfEveryJsonShapeAndALateMinorRecordAreWrittenAsTheMappingWritesThem() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("summary", "欠缴增值税12万元");
        details.put("amount", 120000);
        details.put("big", 12345678901234L);
        details.put("rate", 0.13);
        details.put("paid", false);
        details.put("periods", List.of("2026-01", "2026-02"));
        details.put("office", Map.of("name", "税务局", "floor", 3));
        assertSameAsMapping(bulkSubmitted(new RecordSubmission("TAX_ARREARS", null, "t-1", ENTERPRISE, "福州示例科技有限公司",
                LocalDate.now().minusDays(40), null, null, null, details), "TAX"));
        assertSameAsMapping(bulkSubmitted(new RecordSubmission("ADMIN_PENALTY", "MINOR", "m-1", ENTERPRISE, "福州示例科技有限公司",
                LocalDate.now().minusDays(3), null, new PenaltyFields("闽榕市监罚〔2026〕2号", "v", "f", "l", "警告", "警告", null, null, null,
                null, "福州市市场监督管理局", null, null, null, null), null, null), "MARKET_SUPERVISION"));
    }
}
