package org.opencredit.enterprise.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.opencredit.testkit.TestCodes.uscc;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.contracts.events.EventEnvelope;
import org.opencredit.contracts.events.EventTypes;
import org.opencredit.contracts.events.Topics;
import org.opencredit.testkit.CreditInfrastructure;
import org.opencredit.testkit.EventPublisher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/** The report's list entries: one document per subject, newest revision of each entry, old layout moved over. */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest
class ListEntryReadModelTest {

    @Autowired
    ListEntryReadModel model;
    @Autowired
    ReactiveMongoTemplate mongo;

    static EventEnvelope event(String type, String subject, String entryId, String status, int revision) {
        return new EventEnvelope(UUID.randomUUID().toString(), type, "/blacklist-service", subject, Instant.now(),
                "{\"entryId\":\"" + entryId + "\",\"subject\":\"" + subject + "\",\"listType\":\"MAJOR_TAX_VIOLATOR\","
                        + "\"listName\":\"重大税收违法失信主体\",\"status\":\"" + status + "\",\"listedOn\":\"2026-11-01\","
                        + "\"expiresOn\":\"2029-11-01\",\"legalBasis\":\"国家税务总局令第54号\",\"measures\":[\"RESTRICT_PROCUREMENT\"],"
                        + "\"revision\":" + revision + ",\"changedAt\":\"2026-11-01T00:00:00Z\"}");
    }

    List<String> listed(String subject) {
        return model.listed(subject).map(ListEntryReadModel.Entry::entryId).collectList().block();
    }

    @Test
    void entriesAreKeptPerSubjectAndAnOlderRevisionNeverReplacesANewerOne() {
        String subject = uscc("91350100MA2Y0L001");
        try (EventPublisher events = new EventPublisher(CreditInfrastructure.get().bootstrapServers())) {
            events.publish(Topics.LIST_ENTRY, event(EventTypes.LIST_ENTRY_LISTED_V1, subject, subject + "-1", "LISTED", 1));
            events.publish(Topics.LIST_ENTRY, event(EventTypes.LIST_ENTRY_LISTED_V1, subject, subject + "-2", "LISTED", 1));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(listed(subject)).containsExactly(subject + "-1", subject + "-2"));
        // one document, keyed by the subject: the report reads it by id
        Document held = mongo.findById(subject, Document.class, ListEntryReadModel.COLLECTION).block();
        assertThat(held.getList("entries", Document.class)).hasSize(2);

        // removal of entry 1 (revision 2), then a late redelivery of its listing (revision 1): it stays removed
        model.apply(event(EventTypes.LIST_ENTRY_LISTED_V1, subject, subject + "-1", "REMOVED", 2)).block();
        model.apply(event(EventTypes.LIST_ENTRY_LISTED_V1, subject, subject + "-1", "LISTED", 1)).block();
        assertThat(listed(subject)).containsExactly(subject + "-2");
        assertThat(listed(uscc("91350100MA2Y0L002"))).isEmpty();
    }

    @Test
    void entriesOfTheOldOnePerEntryLayoutAreMovedIntoTheSubjectsDocument() {
        String subject = uscc("91350100MA2Y0L003");
        mongo.insert(List.of(
                legacy(subject + "-1", subject, "LISTED", 1),
                legacy(subject + "-2", subject, "REMOVED", 3),
                legacy(uscc("91350100MA2Y0L004") + "-1", uscc("91350100MA2Y0L004"), "LISTED", 2)), ListEntryReadModel.LEGACY_COLLECTION)
                .then().block();

        assertThat(model.migrate().block()).isEqualTo(3);

        assertThat(listed(subject)).containsExactly(subject + "-1");
        assertThat(listed(uscc("91350100MA2Y0L004"))).containsExactly(uscc("91350100MA2Y0L004") + "-1");
        ListEntryReadModel.Entry moved = model.listed(subject).blockFirst();
        assertThat(moved.listName()).isEqualTo("重大税收违法失信主体");
        assertThat(moved.listedOn()).isEqualTo(java.time.LocalDate.of(2026, 11, 1));
        assertThat(moved.measures()).containsExactly("RESTRICT_PROCUREMENT");
        assertThat(mongo.collectionExists(ListEntryReadModel.LEGACY_COLLECTION).block()).isFalse();
        assertThat(model.migrate().block()).isZero();
    }

    static Document legacy(String entryId, String subject, String status, int revision) {
        return new Document("_id", entryId).append("subject", subject).append("listType", "MAJOR_TAX_VIOLATOR")
                .append("listName", "重大税收违法失信主体").append("status", status)
                .append("listedOn", java.util.Date.from(java.time.LocalDate.of(2026, 11, 1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()))
                .append("expiresOn", null).append("legalBasis", "国家税务总局令第54号").append("measures", List.of("RESTRICT_PROCUREMENT"))
                .append("revision", revision);
    }
}
