package org.opencredit.enterprise.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencredit.testkit.TestCodes.uscc;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.chassis.problem.ProblemException;
import org.opencredit.contracts.events.EventTypes;
import org.opencredit.contracts.security.ClientKind;
import org.opencredit.contracts.security.Scopes;
import org.opencredit.chassis.store.OptimisticLock;
import org.opencredit.testkit.CreditInfrastructure;
import org.opencredit.testkit.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Subjects and records are locked on a single unique field {@code lock} = {@code <id>#<version>}
 * (a filter on {@code _id} and {@code version} scans the whole collection on the embedded store).
 */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class OptimisticLockTest {

    @Autowired
    WebTestClient http;
    @Autowired
    ReactiveMongoTemplate mongo;
    @Autowired
    RecordService records;

    static String registrar() {
        return TestTokens.client("market-registry", ClientKind.DEPARTMENT, "MARKET_SUPERVISION", null, Scopes.ENTERPRISES_WRITE,
                Scopes.ENTERPRISES_READ);
    }

    String submit(String code, String departmentRecordId) {
        http.post().uri("/api/v1/records").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.department("TAX", Scopes.RECORDS_WRITE, Scopes.ENTERPRISES_READ))
                .bodyValue("{\"category\":\"TAX_ARREARS\",\"departmentRecordId\":\"" + departmentRecordId + "\",\"uscc\":\"" + code
                        + "\",\"subjectName\":\"锁测试有限公司\",\"decisionDate\":\"" + LocalDate.now().minusDays(2)
                        + "\",\"details\":{\"summary\":\"s\"}}")
                .exchange().expectStatus().isCreated();
        return RecordRules.recordId("TAX", departmentRecordId);
    }

    WebTestClient.ResponseSpec withdraw(String recordId) {
        return http.post().uri("/api/v1/records/" + recordId + "/withdrawal").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.department("TAX", Scopes.RECORDS_WRITE, Scopes.ENTERPRISES_READ))
                .bodyValue("{\"reason\":\"撤销\"}").exchange();
    }

    Document stored(String collection, String id) {
        return mongo.findById(id, Document.class, collection).block();
    }

    /** As a document written by a version without the lock field looks. */
    void dropLock(String collection, String id) {
        mongo.updateFirst(Query.query(where("_id").is(id)), new Update().unset(OptimisticLock.FIELD), collection).block();
    }

    @Test
    void subjectsAndRecordsHaveAUniqueSparseLockIndex() {
        for (String collection : List.of("subjects", RecordDocument.COLLECTION)) {
            List<IndexInfo> indexes = mongo.indexOps(collection).getIndexInfo().collectList().block();
            assertThat(indexes).filteredOn(i -> i.getName().equals(OptimisticLock.INDEX)).singleElement()
                    .satisfies(i -> assertThat(i.isUnique() && i.isSparse()).isTrue());
        }
    }

    @Test
    void aChangeBasedOnAStaleReadIsRefusedAndChangesNothing() {
        String id = submit(uscc("91350100MA2Y0K001"), "LOCK-1");
        assertThat(stored(RecordDocument.COLLECTION, id)).containsEntry("version", 0L).containsEntry("lock", id + "#0");
        RecordDocument stale = records.load(id).block();

        withdraw(id).expectStatus().isOk();
        assertThat(stored(RecordDocument.COLLECTION, id)).containsEntry("version", 1L).containsEntry("lock", id + "#1");

        CreditRecord revised = stale.record.withStatus(RecordStatus.PUBLISHED, stale.record.revision() + 1);
        assertThatThrownBy(() -> records.change(stale, revised, RecordChange.REVISED, EventTypes.RECORD_REVISED_V1, "late", "TAX").block())
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status().value()).isEqualTo(409));
        Document after = stored(RecordDocument.COLLECTION, id);
        assertThat(after).containsEntry("version", 1L).containsEntry("status", "WITHDRAWN");
        assertThat(after.getList("history", Document.class)).hasSize(2);
    }

    @Test
    void recordsStoredBeforeTheLockExistedAreBackfilledOrFallBackAndStayChangeable() {
        String backfilled = submit(uscc("91350100MA2Y0K002"), "LOCK-2");
        dropLock(RecordDocument.COLLECTION, backfilled);
        assertThat(OptimisticLock.prepare(mongo, RecordDocument.COLLECTION, Duration.ofSeconds(30))).isGreaterThanOrEqualTo(1);
        assertThat(stored(RecordDocument.COLLECTION, backfilled)).containsEntry("lock", backfilled + "#0");
        withdraw(backfilled).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("WITHDRAWN");
        assertThat(stored(RecordDocument.COLLECTION, backfilled)).containsEntry("version", 1L).containsEntry("lock", backfilled + "#1");

        // one the backfill did not see: changed conditional on {_id, version, no lock}, which gives it its lock
        String fallback = submit(uscc("91350100MA2Y0K003"), "LOCK-3");
        dropLock(RecordDocument.COLLECTION, fallback);
        withdraw(fallback).expectStatus().isOk();
        assertThat(stored(RecordDocument.COLLECTION, fallback)).containsEntry("version", 1L).containsEntry("lock", fallback + "#1");
    }

    @Test
    void subjectsStoredBeforeTheLockExistedAreBackfilledAndStayChangeable() {
        String code = uscc("91350100MA2Y0K004");
        http.post().uri("/api/v1/enterprises").contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.AUTHORIZATION, registrar())
                .bodyValue("{\"uscc\":\"" + code + "\",\"name\":\"锁测试主体有限公司\"}").exchange().expectStatus().isCreated();
        assertThat(stored("subjects", code)).containsEntry("version", 0L).containsEntry("lock", code + "#0");
        dropLock("subjects", code);
        OptimisticLock.prepare(mongo, "subjects", Duration.ofSeconds(30));
        assertThat(stored("subjects", code)).containsEntry("lock", code + "#0");

        http.patch().uri("/api/v1/enterprises/" + code).contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.AUTHORIZATION, registrar())
                .bodyValue("{\"name\":\"锁测试主体（新）有限公司\"}").exchange().expectStatus().isOk();
        assertThat(stored("subjects", code)).containsEntry("version", 1L).containsEntry("lock", code + "#1");
    }
}
