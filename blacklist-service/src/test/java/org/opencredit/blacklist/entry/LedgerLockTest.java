package org.opencredit.blacklist.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencredit.testkit.TestCodes.uscc;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.blacklist.MutableClock;
import org.opencredit.blacklist.catalogue.ListCatalogue;
import org.opencredit.chassis.store.OptimisticLock;
import org.opencredit.testkit.CreditInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;

/**
 * The ledgers' optimistic lock: a single unique field {@code lock} = {@code <subject>#<version>}
 * (a filter on {@code _id} and {@code version} scans the whole collection on the embedded store).
 */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MutableClock.Config.class)
@AutoConfigureWebTestClient(timeout = "30s")
class LedgerLockTest {

    static final Actor COURT = new Actor("dept-court", "DEPARTMENT:COURT");

    @Autowired
    ReactiveMongoTemplate mongo;
    @Autowired
    EntryService entries;
    @Autowired
    ListCatalogue catalogue;

    EntryService.Proposal proposal(String code, String decision) {
        return new EntryService.Proposal(code, "LEGAL_PERSON", "锁测试有限公司", null, catalogue.listType("JUDGMENT_DEFAULTER").orElseThrow(),
                "拒不履行", null, decision, "COURT", null, null, "proposed");
    }

    Document stored(String code) {
        return mongo.findById(code, Document.class, Ledger.COLLECTION).block();
    }

    @Test
    void theLockIsAUniqueSparseIndexCreatedAtStartup() {
        List<IndexInfo> indexes = mongo.indexOps(Ledger.COLLECTION).getIndexInfo().collectList().block();
        assertThat(indexes).filteredOn(i -> i.getName().equals(OptimisticLock.INDEX)).singleElement().satisfies(i -> {
            assertThat(i.isUnique()).isTrue();
            assertThat(i.isSparse()).isTrue();
            assertThat(i.getIndexFields()).extracting(f -> f.getKey()).containsExactly(OptimisticLock.FIELD);
        });
    }

    @Test
    void everyWriteMovesVersionAndLockTogetherAndAStaleLockMatchesNothing() {
        String code = uscc("91350100MA2Y0L001");
        entries.propose(proposal(code, "（2026）闽0102执L1号"), COURT).block();
        assertThat(stored(code)).containsEntry("version", 1L).containsEntry("lock", code + "#1");
        Ledger read = entries.ledger(code).block();

        entries.propose(proposal(code, "（2026）闽0102执L2号"), COURT).block();
        assertThat(stored(code)).containsEntry("version", 2L).containsEntry("lock", code + "#2");

        // a write based on the first read (what a concurrent writer holds) changes nothing
        long matched = mongo.updateFirst(OptimisticLock.expecting(code, read.version(), read.lock()),
                new Update().set("nextSeq", 99), Ledger.COLLECTION).block().getMatchedCount();
        assertThat(matched).isZero();
        assertThat(stored(code).getInteger("nextSeq")).isEqualTo(3);
    }

    @Test
    void concurrentProposalsForOneSubjectAreAllKeptByRetryingOnTheFreshLedger() {
        String code = uscc("91350100MA2Y0L002");
        int n = 8;
        List<EntryService.Proposed> proposed = Flux.range(1, n)
                .flatMap(i -> entries.propose(proposal(code, "（2026）闽0102执C" + i + "号"), COURT)
                        .subscribeOn(reactor.core.scheduler.Schedulers.parallel()), n)
                .collectList().block(Duration.ofSeconds(60));
        assertThat(proposed).hasSize(n).allSatisfy(p -> assertThat(p.created()).isTrue());
        Ledger ledger = entries.ledger(code).block();
        assertThat(ledger.entries()).extracting(ListEntry::id).doesNotHaveDuplicates().hasSize(n);
        assertThat(ledger.nextSeq()).isEqualTo(n + 1);
        assertThat(ledger.version()).isEqualTo(n);
        assertThat(ledger.lock()).isEqualTo(code + "#" + n);
    }

    @Test
    void ledgersStoredBeforeTheLockExistedAreBackfilledOrFallBackAndStayWritable() {
        String backfilled = uscc("91350100MA2Y0L003");
        String fallback = uscc("91350100MA2Y0L004");
        // as an older version stored them: version, no lock
        mongo.insert(new Document("_id", backfilled).append("subjectKind", "LEGAL_PERSON").append("nextSeq", 1)
                .append("entries", List.of()).append("outbox", List.of()).append("version", 5L), Ledger.COLLECTION).block();
        assertThat(OptimisticLock.prepare(mongo, Ledger.COLLECTION, Duration.ofSeconds(30))).isGreaterThanOrEqualTo(1);
        assertThat(stored(backfilled)).containsEntry("version", 5L).containsEntry("lock", backfilled + "#5");
        entries.propose(proposal(backfilled, "（2026）闽0102执B1号"), COURT).block();
        assertThat(stored(backfilled)).containsEntry("version", 6L).containsEntry("lock", backfilled + "#6");
        assertThat(entries.ledger(backfilled).block().entries()).hasSize(1);

        // one the backfill did not see: written conditional on {_id, version, no lock}, which gives it its lock
        mongo.insert(new Document("_id", fallback).append("subjectKind", "LEGAL_PERSON").append("nextSeq", 1)
                .append("entries", List.of()).append("outbox", List.of()).append("version", 3L), Ledger.COLLECTION).block();
        entries.propose(proposal(fallback, "（2026）闽0102执B2号"), COURT).block();
        assertThat(stored(fallback)).containsEntry("version", 4L).containsEntry("lock", fallback + "#4");
        assertThat(mongo.count(Query.query(where(OptimisticLock.FIELD).exists(false)), Ledger.COLLECTION).block()).isZero();
    }

    @Test
    void theExpirySweepNeitherRewritesNorRepublishesEntriesStillInForce() {
        String code = uscc("91350100MA2Y0L005");
        LocalDate today = entries.today();
        ListEntry listed = new ListEntry(code + "-1", code, "LEGAL_PERSON", "在册有限公司", null, "JUDGMENT_DEFAULTER", EntryState.LISTED,
                "facts", "basis", "（2026）闽0102执E1号", "COURT", null, today.minusDays(30), today.minusDays(25), today.minusDays(15),
                null, today.minusDays(14), today.plusYears(2), null, null, null, 3,
                List.of(new Transition(Action.LIST, EntryState.NOTIFIED, EntryState.LISTED, "dept-court", "DEPARTMENT:COURT",
                        entries.now(), "listed")));
        mongo.insert(new Ledger(code, "LEGAL_PERSON", 2, List.of(listed), List.of(), 1, OptimisticLock.of(code, 1)),
                Ledger.COLLECTION).block();

        entries.expireDue(today).block();

        Document after = stored(code);
        assertThat(after).containsEntry("version", 1L).containsEntry("lock", code + "#1");
        assertThat(after.getList("outbox", Document.class)).isEmpty();
    }

    @Test
    void ledgersStoredBeforeTheSelectionKeysGetThemAtStartupAndAreFoundByThem() {
        String code = uscc("91350100MA2Y0L009");
        ListEntry proposed = entries.propose(proposal(code, "（2026）闽0102执L9号"), COURT).block().entry();
        mongo.updateFirst(Query.query(where("_id").is(code)), new Update().unset(Ledger.KEYS), Ledger.COLLECTION).block();
        assertThat(stored(code)).doesNotContainKey(Ledger.KEYS);
        assertThat(entries.objected(List.of("JUDGMENT_DEFAULTER")).map(ListEntry::subject).collectList().block()).doesNotContain(code);

        assertThat(EntryConfiguration.backfillKeys(mongo).block()).isGreaterThanOrEqualTo(1L);
        assertThat(stored(code).getList(Ledger.KEYS, String.class)).contains("PROPOSED|JUDGMENT_DEFAULTER|LEGAL_PERSON");
        var type = catalogue.listType("JUDGMENT_DEFAULTER").orElseThrow();
        entries.step(proposed.id(), e -> e.notify(type, COURT, entries.now(), entries.today(), "n")).block();
        entries.step(proposed.id(), e -> e.object(type, COURT, entries.now(), entries.today(), "o")).block();
        assertThat(entries.objected(List.of("JUDGMENT_DEFAULTER")).map(ListEntry::id).collectList().block()).contains(proposed.id());
    }
}
