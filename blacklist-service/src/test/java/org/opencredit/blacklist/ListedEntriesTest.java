package org.opencredit.blacklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.opencredit.blacklist.BlacklistHttp.CHECKER;
import static org.opencredit.blacklist.BlacklistHttp.COURT;
import static org.opencredit.blacklist.BlacklistHttp.subjectField;
import static org.opencredit.testkit.TestCodes.uscc;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.blacklist.entry.EntryState;
import org.opencredit.blacklist.entry.Ledger;
import org.opencredit.blacklist.entry.ListEntry;
import org.opencredit.blacklist.entry.ListedEntries;
import org.opencredit.chassis.store.OptimisticLock;
import org.opencredit.contracts.events.Topics;
import org.opencredit.testkit.CreditInfrastructure;
import org.opencredit.testkit.EventPublisher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/**
 * Credit checks answer from the listed entries held in memory; a change written by another instance
 * reaches this one through the list-entry event, and every check's log is stored before its answer.
 */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MutableClock.Config.class)
@AutoConfigureWebTestClient(timeout = "30s")
class ListedEntriesTest {

    @Autowired
    WebTestClient web;
    @Autowired
    MutableClock clock;
    @Autowired
    ListedEntries listed;
    @Autowired
    ReactiveMongoTemplate mongo;
    @Autowired
    KafkaListenerEndpointRegistry containers;
    BlacklistHttp http;

    @BeforeEach
    void setUp() {
        http = new BlacklistHttp(web, clock);
        await().atMost(Duration.ofSeconds(30)).until(listed::ready);
    }

    String verdict(String code) {
        return (String) http.check(CHECKER, "{" + subjectField(code) + ",\"scenario\":\"GOVERNMENT_PROCUREMENT\",\"purpose\":\"采购审查\"}")
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("verdict");
    }

    @Test
    void aRemovalWrittenByAnotherInstanceLiftsTheMeasuresHereWhenItsEventArrives() {
        String code = uscc("91350100MA2Y0E001");
        String id = http.listed(COURT, "JUDGMENT_DEFAULTER", subjectField(code), "（2026）闽0102执E1号", null);
        // this instance's own write is held at once
        assertThat(listed.listed(code)).extracting(ListEntry::id).containsExactly(id);
        assertThat(verdict(code)).isEqualTo("PROHIBITED");
        // the events of this instance's own steps (proposed, notified, listed) make the hold re-read the ledger when they
        // arrive; on a loaded machine they may still be on their way, and would then read the removal written below
        awaitOwnEventsConsumed(code);

        // another instance removes the entry: its ledger write (entry, version and lock), then its event
        Ledger ledger = mongo.findById(code, Ledger.class, Ledger.COLLECTION).block();
        List<ListEntry> removed = ledger.entries().stream().map(e -> new ListEntry(e.id(), e.subject(), e.subjectKind(), e.subjectName(),
                e.maskedIdentityNumber(), e.listType(), EntryState.REMOVED, e.facts(), e.legalBasis(), e.decisionNumber(), e.authority(),
                e.sourceRecordId(), e.proposedOn(), e.notifiedOn(), e.objectionDeadline(), e.objection(), e.listedOn(), e.expiresOn(),
                e.extendedYears(), "OBLIGATION_FULFILLED", e.legalRepresentative(), e.revision() + 1, e.history())).toList();
        mongo.updateFirst(Query.query(where(OptimisticLock.FIELD).is(ledger.lock())), OptimisticLock.advance(
                new Update().set("entries", removed), code, ledger.version()), Ledger.COLLECTION).block();
        // answered from memory: the store alone does not change this instance's answer...
        assertThat(verdict(code)).isEqualTo("PROHIBITED");
        try (EventPublisher events = new EventPublisher(CreditInfrastructure.get().bootstrapServers())) {
            events.publishRaw(Topics.LIST_ENTRY, code, "{\"entryId\":\"" + id + "\",\"status\":\"REMOVED\"}");
        }
        // ...its event does, within seconds
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(verdict(code)).isEqualTo("NO_RESTRICTION"));
        assertThat(listed.listed(code)).isEmpty();
    }

    /**
     * Waits until the ledger's events are published (its outbox is empty) and this instance's hold consumer has
     * committed its position past every event on the topic.
     */
    void awaitOwnEventsConsumed(String subject) {
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.findById(subject, org.bson.Document.class, Ledger.COLLECTION).block()
                .getList(org.opencredit.chassis.outbox.OutboxMessage.FIELD, Object.class, List.of()).isEmpty());
        String group = containers.getListenerContainers().stream().map(MessageListenerContainer::getGroupId)
                .filter(g -> g != null && g.startsWith("blacklist-service.listed-entries.")).findFirst().orElseThrow();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", CreditInfrastructure.get().bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                int partitions = admin.describeTopics(List.of(Topics.LIST_ENTRY)).allTopicNames().get().get(Topics.LIST_ENTRY)
                        .partitions().size();
                Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
                for (int p = 0; p < partitions; p++) {
                    latest.put(new TopicPartition(Topics.LIST_ENTRY, p), OffsetSpec.latest());
                }
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                return ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                        || committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue().offset());
            });
        }
    }

    @Test
    void concurrentChecksAreLoggedEveryOneInGroupCommittedBatchesBeforeTheirAnswers() {
        String purpose = "并发审查-" + System.nanoTime();
        Map<String, Boolean> answered = new ConcurrentHashMap<>();
        Flux.fromStream(IntStream.range(0, 60).boxed())
                .flatMap(i -> web.post().uri("/api/v1/credit-checks").header("Authorization", CHECKER)
                        .header("Content-Type", "application/json")
                        .bodyValue("{\"uscc\":\"" + uscc("91350100MA2Y1" + String.format("%04d", i)) + "\",\"scenario\":\"BIDDING\","
                                + "\"purpose\":\"" + purpose + "\"}")
                        .exchange().returnResult(Map.class).getResponseBody().next(), 30)
                .doOnNext(body -> answered.put((String) body.get("checkId"), Boolean.TRUE))
                .blockLast(Duration.ofSeconds(30));
        assertThat(answered).hasSize(60);
        // every answered check has its log document
        assertThat(mongo.find(Query.query(where("purpose").is(purpose)), org.bson.Document.class, "credit_checks")
                .map(d -> d.getString("_id")).collectList().block()).containsExactlyInAnyOrderElementsOf(answered.keySet());
    }
}
