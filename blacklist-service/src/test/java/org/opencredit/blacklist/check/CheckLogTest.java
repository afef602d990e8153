package org.opencredit.blacklist.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.blacklist.MutableClock;
import org.opencredit.testkit.CreditInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Flux;

/** The group-committed check log: every write completes only once stored, and a failed write fails its callers. */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MutableClock.Config.class)
@AutoConfigureWebTestClient(timeout = "30s")
class CheckLogTest {

    @Autowired
    CheckLog checkLog;
    @Autowired
    ReactiveMongoTemplate mongo;

    @Test
    void manyConcurrentWritesAreAllStoredWhenTheyComplete() {
        List<String> ids = IntStream.range(0, 300).mapToObj(i -> UUID.randomUUID().toString()).toList();
        Flux.fromIterable(ids).flatMap(id -> checkLog.write(new Document("_id", id).append("purpose", "group-commit"))
                        .then(mongo.findById(id, Document.class, CheckLog.COLLECTION)), 300)
                .collectList()
                .doOnNext(found -> assertThat(found).extracting(d -> d.getString("_id")).containsExactlyInAnyOrderElementsOf(ids))
                .block(Duration.ofSeconds(30));
    }

    @Test
    void aWriteTheStoreRefusesFailsItsCallerInsteadOfBeingDropped() {
        String id = UUID.randomUUID().toString();
        checkLog.write(new Document("_id", id)).block(Duration.ofSeconds(10));
        assertThatThrownBy(() -> checkLog.write(new Document("_id", id)).block(Duration.ofSeconds(10)))
                .isInstanceOf(DuplicateKeyException.class);
        // and the log goes on writing afterwards
        String next = UUID.randomUUID().toString();
        checkLog.write(new Document("_id", next)).block(Duration.ofSeconds(10));
        assertThat(mongo.findById(next, Document.class, CheckLog.COLLECTION).block()).isNotNull();
    }
}
