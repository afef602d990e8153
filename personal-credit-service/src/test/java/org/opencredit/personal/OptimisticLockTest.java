package org.opencredit.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.personal.person.PersonDocument;
import org.opencredit.personal.record.PersonalRecordDocument;
import org.opencredit.chassis.store.OptimisticLock;
import org.opencredit.testkit.CreditInfrastructure;
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
 * Persons and personal records are locked on a single unique field {@code lock} = {@code <id>#<version>}
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

    String submit(String departmentRecordId) {
        String body = """
                {"departmentRecordId":"%s","category":"ADMIN_PENALTY","severity":"GENERAL","identityNumber":"%s","name":"陈小明",
                 "decisionDate":"%s","title":"闯红灯","content":"驾驶机动车违反交通信号灯通行，罚款200元","authority":"福州市公安局交通警察支队"}"""
                .formatted(departmentRecordId, TestCallers.newIdentityNumber(), LocalDate.now().minusDays(10));
        return http.post().uri("/api/v1/person-records").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.department("TRANSPORT", null)).bodyValue(body).exchange()
                .expectStatus().isCreated()
                .returnResult(String.class).getResponseHeaders().getLocation().getPath().replace("/api/v1/person-records/", "");
    }

    WebTestClient.ResponseSpec withdraw(String recordId) {
        return http.post().uri("/api/v1/person-records/" + recordId + "/withdrawal").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.department("TRANSPORT", null)).bodyValue("{\"reason\":\"处罚决定被撤销\"}")
                .exchange();
    }

    String register() {
        return http.post().uri("/api/v1/persons").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.department("TRANSPORT", null))
                .bodyValue(Map.of("identityNumber", TestCallers.newIdentityNumber(), "name", "锁测试")).exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("personRef").toString();
    }

    WebTestClient.ResponseSpec addDriver(String personRef, String licence) {
        return http.post().uri("/api/v1/persons/" + personRef + "/memberships").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.department("TRANSPORT", null))
                .bodyValue(Map.of("group", "DRIVER", "licenceNumber", licence, "since", "2015-03-01")).exchange();
    }

    Document stored(String collection, String id) {
        return mongo.findById(id, Document.class, collection).block();
    }

    /** As a document written by a version without the lock field looks. */
    void dropLock(String collection, String id) {
        mongo.updateFirst(Query.query(where("_id").is(id)), new Update().unset(OptimisticLock.FIELD), collection).block();
    }

    @Test
    void personsAndRecordsHaveAUniqueSparseLockIndex() {
        for (String collection : List.of(PersonDocument.COLLECTION, PersonalRecordDocument.COLLECTION)) {
            List<IndexInfo> indexes = mongo.indexOps(collection).getIndexInfo().collectList().block();
            assertThat(indexes).filteredOn(i -> i.getName().equals(OptimisticLock.INDEX)).singleElement()
                    .satisfies(i -> assertThat(i.isUnique() && i.isSparse()).isTrue());
        }
    }

    @Test
    void everyChangeMovesVersionAndLockAndAStaleLockMatchesNothing() {
        String id = submit("LOCK-P1");
        Document first = stored(PersonalRecordDocument.COLLECTION, id);
        assertThat(first).containsEntry("version", 0L).containsEntry("lock", id + "#0");

        withdraw(id).expectStatus().isOk();
        assertThat(stored(PersonalRecordDocument.COLLECTION, id)).containsEntry("version", 1L).containsEntry("lock", id + "#1");

        // what a concurrent writer that read the first state would send changes nothing
        long matched = mongo.updateFirst(OptimisticLock.expecting(id, first.getLong("version"), first.getString("lock")),
                new Update().set("statement", "stale"), PersonalRecordDocument.COLLECTION).block().getMatchedCount();
        assertThat(matched).isZero();
        assertThat(stored(PersonalRecordDocument.COLLECTION, id).getString("statement")).isNull();
    }

    @Test
    void recordsAndPersonsStoredBeforeTheLockExistedAreBackfilledOrFallBackAndStayChangeable() {
        String backfilled = submit("LOCK-P2");
        String fallback = submit("LOCK-P3");
        String person = register();
        dropLock(PersonalRecordDocument.COLLECTION, backfilled);
        dropLock(PersonDocument.COLLECTION, person);
        OptimisticLock.prepare(mongo, PersonalRecordDocument.COLLECTION, Duration.ofSeconds(30));
        OptimisticLock.prepare(mongo, PersonDocument.COLLECTION, Duration.ofSeconds(30));
        assertThat(stored(PersonalRecordDocument.COLLECTION, backfilled)).containsEntry("lock", backfilled + "#0");
        assertThat(stored(PersonDocument.COLLECTION, person)).containsEntry("lock", person + "#0");

        withdraw(backfilled).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("WITHDRAWN");
        assertThat(stored(PersonalRecordDocument.COLLECTION, backfilled)).containsEntry("version", 1L).containsEntry("lock", backfilled + "#1");
        addDriver(person, "350100000001").expectStatus().isOk();
        assertThat(stored(PersonDocument.COLLECTION, person)).containsEntry("version", 1L).containsEntry("lock", person + "#1");

        // one the backfill did not see: changed conditional on {_id, version, no lock}, which gives it its lock
        dropLock(PersonalRecordDocument.COLLECTION, fallback);
        withdraw(fallback).expectStatus().isOk();
        assertThat(stored(PersonalRecordDocument.COLLECTION, fallback)).containsEntry("version", 1L).containsEntry("lock", fallback + "#1");
    }

    @Test
    void concurrentRequestsForTheSameMembershipStoreItOnce() throws Exception {
        String person = register();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(pool.submit(() -> addDriver(person, "350100999999").expectStatus().isOk()));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            pool.shutdown();
        }
        Document stored = stored(PersonDocument.COLLECTION, person);
        assertThat(stored.getList("memberships", Document.class)).hasSize(1);
        assertThat(stored).containsEntry("version", 1L).containsEntry("lock", person + "#1");
    }
}
