package org.opencredit.personal.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.chassis.outbox.OutboxRelay;
import org.opencredit.contracts.events.EventTypes;
import org.opencredit.contracts.events.Topics;
import org.opencredit.personal.TestCallers;
import org.opencredit.personal.record.RecordEvents;
import org.opencredit.testkit.CreditInfrastructure;
import org.opencredit.testkit.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Negative records are deleted from the store five years after the end of the conduct, with an event; nothing else is. */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class RetentionTest {

    @Autowired
    WebTestClient http;
    @Autowired
    ReactiveMongoTemplate mongo;
    @Autowired
    RetentionJob retention;
    @Autowired
    RecordEvents events;
    @Autowired
    OutboxRelay relay;

    String submit(String number, String recordId, String category, LocalDate conductEnd) {
        String body = """
                {"departmentRecordId":"%s","category":"%s","identityNumber":"%s","name":"林某","decisionDate":"%s",
                 "conductEndDate":"%s","title":"记录","content":"内容"}""".formatted(recordId, category, number, conductEnd, conductEnd);
        return http.post().uri("/api/v1/person-records").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestCallers.department("TRANSPORT", null)).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(Document.class).returnResult().getResponseBody().getString("recordId");
    }

    @Test
    void aNegativeRecordIsDeletedFiveYearsAfterTheConductEndedAndTheDeletionIsAnnounced() {
        String number = TestCallers.newIdentityNumber();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String due = submit(number, "ret-due", "ADMIN_PENALTY", today.minusYears(5).minusDays(1));
        String recent = submit(number, "ret-recent", "ADMIN_PENALTY", today.minusYears(1));
        String positive = submit(number, "ret-positive", "COMMENDATION", today.minusYears(6));
        String personRef = mongo.findById(due, Document.class, "person_records").block().getString("personRef");
        assertThat(mongo.findById(positive, Document.class, "person_records").block().get("deleteOn")).isNull();

        assertThat(retention.runOnce().block()).isGreaterThanOrEqualTo(1);
        assertThat(mongo.findById(due, Document.class, "person_records").block()).isNull();
        assertThat(mongo.findById(recent, Document.class, "person_records").block()).isNotNull();
        assertThat(mongo.findById(positive, Document.class, "person_records").block()).isNotNull();

        List<ConsumerRecord<String, String>> deleted = TopicReader.readUntil(CreditInfrastructure.get().bootstrapServers(),
                        Topics.PERSON_RECORD, r -> r.stream().anyMatch(x -> personRef.equals(x.key())
                                && EventTypes.PERSON_RECORD_DELETED_V1.equals(TopicReader.header(x, "ce_type"))), Duration.ofSeconds(20))
                .stream().filter(x -> personRef.equals(x.key()) && EventTypes.PERSON_RECORD_DELETED_V1.equals(TopicReader.header(x, "ce_type")))
                .toList();
        assertThat(deleted).singleElement().satisfies(e -> assertThat(e.value()).contains("\"recordId\":\"" + due + "\"")
                .contains("\"status\":\"DELETED\"").doesNotContain(number)
                // the person's platform-wide pseudonym, so consumers drop what they derived under it too
                .contains("\"subjectPseudonym\":\"" + mongo.findById(personRef, Document.class, "persons").block()
                        .getString("subjectPseudonym") + "\"").containsPattern("\"subjectPseudonym\":\"person:[0-9a-f]{16}\""));

        // the job reads the date from its clock: run as of the day the recent record falls due, it goes too; the positive one never
        LocalDate recentDue = today.minusYears(1).plusYears(5);
        RetentionJob later = new RetentionJob(mongo, events, relay, new RetentionProperties(null, null),
                Clock.fixed(recentDue.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC), new SimpleMeterRegistry());
        assertThat(later.runOnce().block()).isGreaterThanOrEqualTo(1);
        assertThat(mongo.findById(recent, Document.class, "person_records").block()).isNull();
        assertThat(mongo.findById(positive, Document.class, "person_records").block()).isNotNull();
    }
}
