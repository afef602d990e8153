package org.opencredit.personal.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.personal.TestCallers;
import org.opencredit.personal.person.PersonDocument;
import org.opencredit.personal.person.PersonService;
import org.opencredit.testkit.CreditInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The bulk ingest's hand-built personal record documents are exactly what Spring Data's mapping writes. */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest
class RecordBsonTest {

    @Autowired
    MongoConverter converter;
    @Autowired
    RecordService records;
    @Autowired
    PersonService persons;
    @Autowired
    JsonMapper json;

    /** As the bulk ingest stores it: the event in the chunk ledger, none in the outbox. */
    PersonalRecordDocument bulkSubmitted(String line, String department) {
        RecordService.Checked checked = records.check((ObjectNode) json.readTree(line), department);
        PersonDocument person = persons.findOrRegister(checked.id(), checked.submission().name()).block();
        PersonalRecordDocument d = records.newDocument(checked, person, "bench-dept", Instant.now());
        d.outboxLedger = "ledger-1";
        d.outbox = new java.util.ArrayList<>();
        return d;
    }

    void assertSameAsMapping(PersonalRecordDocument d) {
        Document mapped = new Document();
        converter.write(d, mapped);
        Document built = new RecordBson(converter).of(d);
        assertThat(built).isEqualTo(mapped);
        assertThat(built.toJson()).isEqualTo(mapped.toJson()); // same types too (dates, amounts), not only equal values
    }

    static String penalty(String recordId, String extra) {
        return """
                {"departmentRecordId":"%s","category":"ADMIN_PENALTY","severity":"GENERAL","identityNumber":"%s","name":"陈小明",
                 "decisionDate":"%s","title":"闯红灯","content":"驾驶机动车违反交通信号灯通行，罚款200元","authority":"福州市公安局交通警察支队"%s}"""
                .formatted(recordId, TestCallers.newIdentityNumber(), LocalDate.now().minusDays(10), extra);
    }

    @Test
    void aPenaltyIsWrittenAsTheMappingWritesIt() {
        assertSameAsMapping(bulkSubmitted(penalty("闽公交罚-bson-1", ",\"documentNumber\":\"闽公交罚〔2026〕1号\""), "TRANSPORT"));
    }

    @Test
    void consentBoundAmountsAndAConductEndAreWrittenAsTheMappingWritesThem() {
        assertSameAsMapping(bulkSubmitted(penalty("闽公交罚-bson-2", ",\"income\":120000.50,\"taxAmount\":3000,\"consentReference\":\"WA-2026-0042\""
                + ",\"conductEndDate\":\"" + LocalDate.now().minusDays(12) + "\""), "TRANSPORT"));
    }
}
