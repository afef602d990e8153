package org.opencredit.rating.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.opencredit.chassis.outbox.OutboxMessage;
import org.opencredit.rating.facts.ListFact;
import org.opencredit.rating.facts.RecordFact;
import org.opencredit.rating.model.Rating;
import org.opencredit.rating.rating.Assessment;
import org.opencredit.rating.rating.HistoryEntry;
import org.opencredit.rating.rating.RatedSubject;
import org.opencredit.rating.rating.Review;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.convert.NoOpDbRefResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;

/** The batched path's document writer and the template's converter (as Boot configures it) write a subject alike. */
class RecordDocumentsTest {

    static final Instant AT = Instant.parse("2026-12-04T10:15:30.123456789Z");
    static final Rating.Factor FACTOR = new Rating.Factor("RECORD", "rec-1", "TAX_ARREARS", "GENERAL", "LAW_ABIDANCE", -250, 0.5, -125,
            -31.25, "decayed by half");
    static final Rating.DimensionScore DIMENSION = new Rating.DimensionScore("LAW_ABIDANCE", "Law abidance", 0.25, 1000, 875);

    static MappingMongoConverter converter() {
        MongoCustomConversions conversions = new MongoCustomConversions(List.of());
        MongoMappingContext context = new MongoMappingContext();
        context.setSimpleTypeHolder(conversions.getSimpleTypeHolder());
        context.afterPropertiesSet();
        MappingMongoConverter converter = new MappingMongoConverter(NoOpDbRefResolver.INSTANCE, context);
        converter.setCustomConversions(conversions);
        converter.afterPropertiesSet();
        return converter;
    }

    static Document converted(RatedSubject s) {
        Document doc = new Document();
        converter().write(s, doc);
        doc.remove("_class");
        return doc;
    }

    @Test
    void writesEveryComponentOfAFullSubjectAsTheConverterDoes() {
        Assessment current = new Assessment("enterprise@2026.1", 683, "C", "Fair", LocalDate.of(2026, 12, 4), AT, "record rec-1 published",
                "capped by a listing", LocalDate.of(2027, 3, 1), List.of(FACTOR), List.of(DIMENSION));
        RatedSubject s = new RatedSubject("91330106MA2Y00R11X", RatedSubject.LEGAL_PERSON, "杭州评级测试有限公司", "330106", "C3911", "enterprise",
                List.of(new RecordFact("rec-1", "TAX_ARREARS", "GENERAL", "NEGATIVE", "TAX", LocalDate.of(2026, 11, 30),
                        LocalDate.of(2027, 11, 30), "PUBLISHED", 2, true)),
                List.of(new ListFact("entry-1", "SERIOUS_DISHONESTY", "LISTED", LocalDate.of(2026, 10, 1), LocalDate.of(2029, 10, 1), 3)),
                current, current.slim(),
                new Review(Review.REQUESTED, "client-1", AT, "the record was repaired", "officer-2", AT.plusSeconds(60), "confirmed"),
                LocalDate.of(2027, 3, 1),
                List.of(new HistoryEntry(AT, "enterprise@2026.1", "B", 820, "C", 683, "record rec-1 published", "capped", List.of(FACTOR))),
                List.of(new OutboxMessage("event-1", "opencredit.rating", "org.opencredit.rating.changed.v1", "/rating-service",
                        "91330106MA2Y00R11X", AT, "{\"grade\":\"C\"}")),
                7, RatedSubject.lockOf("91330106MA2Y00R11X", 7), AT, "person:0123456789abcdef");

        Document written = RecordDocuments.write(s);

        assertThat(written).isEqualTo(converted(s));
        assertThat(written.getString("_id")).isEqualTo("91330106MA2Y00R11X");
        assertThat(written.get("current", Document.class).getList("factors", Document.class)).hasSize(1);
    }

    @Test
    void leavesOutNullsAndKeepsEmptyListsAsTheConverterDoes() {
        Assessment first = new Assessment("enterprise@2026.1", 820, "B", "Good", LocalDate.of(2026, 12, 4), AT, "subject registered", null,
                null, List.of(), List.of(DIMENSION));
        RatedSubject s = new RatedSubject("91330106MA2Y00R11X", RatedSubject.LEGAL_PERSON, null, "330106", null, null, List.of(), List.of(),
                first, null, null, null, List.of(), List.of(), 1, RatedSubject.lockOf("91330106MA2Y00R11X", 1), AT, null);

        Document written = RecordDocuments.write(s);

        assertThat(written).isEqualTo(converted(s)).doesNotContainKeys("name", "candidate", "review", "nextReviewOn", "pseudonym");
        assertThat(written.getList("records", Object.class)).isEmpty();
    }

    @Test
    void storesAnIdOf24HexDigitsAsAnObjectIdAsTheConverterDoes() {
        RatedSubject s = new RatedSubject("5f2b0c1d2e3f405162738495", RatedSubject.NATURAL_PERSON, null, null, null, null, List.of(),
                List.of(), null, null, null, null, List.of(), List.of(), 1, RatedSubject.lockOf("5f2b0c1d2e3f405162738495", 1), AT, null);

        Document written = RecordDocuments.write(s);

        assertThat(written).isEqualTo(converted(s));
        assertThat(written.get("_id")).isInstanceOf(org.bson.types.ObjectId.class);
    }

    @Test
    void refusesAValueItHasNoDocumentFormFor() {
        record Odd(java.util.UUID id) {
        }
        assertThatThrownBy(() -> RecordDocuments.write(new Odd(java.util.UUID.randomUUID())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UUID");
    }
}
