package org.opencredit.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class EventContractsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static Schema schema(String type) throws Exception {
        try (InputStream in = EventContractsTest.class.getClassLoader().getResourceAsStream(EventTypes.schemaResource(type))) {
            assertThat(in).as("schema for " + type).isNotNull();
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
        }
    }

    @Test
    void subjectRegisteredAsProducersSerialiseItMatchesItsSchema() throws Exception {
        SubjectRegistered event = new SubjectRegistered("91350100M000100Y43", "福州示例科技有限公司", "MARKET_REGULATION",
                "enterprise", "350100", Instant.parse("2026-11-27T08:00:00Z"));
        String json = JSON.writeValueAsString(event);
        List<Error> errors = schema(SubjectRegistered.TYPE).validate(json, InputFormat.JSON);
        assertThat(errors).isEmpty();
        assertThat(JSON.readValue(json, SubjectRegistered.class)).isEqualTo(event);
    }

    @Test
    void theSchemaRejectsAPayloadWithoutUsccOrWithABadRegion() throws Exception {
        Schema schema = schema(SubjectRegistered.TYPE);
        assertThat(schema.validate("{\"name\":\"x\",\"authority\":\"A\",\"entityKind\":\"e\",\"regionCode\":\"350100\","
                + "\"registeredAt\":\"2026-11-27T08:00:00Z\"}", InputFormat.JSON)).isNotEmpty();
        assertThat(schema.validate("{\"uscc\":\"91350100M000100Y43\",\"name\":\"x\",\"authority\":\"A\",\"entityKind\":\"e\","
                + "\"regionCode\":\"35A100\",\"registeredAt\":\"2026-11-27T08:00:00Z\"}", InputFormat.JSON)).isNotEmpty();
    }

    @Test
    void everyRecordEventTypeSharesTheRecordSchemaAndAProducedPayloadMatchesIt() throws Exception {
        RecordChanged changed = new RecordChanged("0123456789abcdef01234567", "91350100M000100Y43", "ADMIN_PENALTY", "GENERAL",
                "NEGATIVE", "MARKET_SUPERVISION", java.time.LocalDate.of(2026, 11, 20), java.time.LocalDate.of(2027, 11, 20),
                "PUBLISHED", 1, null, Instant.parse("2026-11-27T08:00:00Z"));
        String json = JSON.writeValueAsString(changed);
        for (String type : EventTypes.RECORD_TYPES) {
            assertThat(schema(type).validate(json, InputFormat.JSON)).as(type).isEmpty();
        }
        assertThat(JSON.readValue(json, RecordChanged.class)).isEqualTo(changed);
        String badStatus = json.replace("\"PUBLISHED\"", "\"GONE\"");
        assertThat(schema(EventTypes.RECORD_WITHDRAWN_V1).validate(badStatus, InputFormat.JSON)).isNotEmpty();
    }

    @Test
    void ratingAndListEntryEventsMatchTheirSchemas() throws Exception {
        String rating = JSON.writeValueAsString(new RatingChanged("91350100M000100Y43", "B", 742, "enterprise-2026.1",
                Instant.parse("2026-11-27T08:00:00Z")));
        assertThat(schema(RatingChanged.TYPE).validate(rating, InputFormat.JSON)).isEmpty();
        assertThat(schema(RatingChanged.TYPE).validate(rating.replace("\"B\"", "\"E\""), InputFormat.JSON)).isNotEmpty();
        String full = JSON.writeValueAsString(new RatingChanged("91350100M000100Y43", "C", 612, "enterprise@2026.1",
                Instant.parse("2026-11-27T08:00:00Z"), "LEGAL_PERSON", "B", 781, "record r-1 published", null));
        assertThat(schema(RatingChanged.TYPE).validate(full, InputFormat.JSON)).isEmpty();
        assertThat(JSON.readValue(full, RatingChanged.class).previousScore()).isEqualTo(781);
        assertThat(schema(RatingChanged.TYPE).validate(full.replace("LEGAL_PERSON", "ROBOT"), InputFormat.JSON)).isNotEmpty();
        String person = JSON.writeValueAsString(new RatingChanged("P0123456789abcdef01234567", "B", 793, "person@2026.1",
                Instant.parse("2026-11-27T08:00:00Z"), "NATURAL_PERSON", null, null, "record pr-1 published", "person:0123456789abcdef"));
        assertThat(schema(RatingChanged.TYPE).validate(person, InputFormat.JSON)).isEmpty();
        assertThat(schema(RatingChanged.TYPE).validate(person.replace("person:0123456789abcdef", "11010519491231002X"), InputFormat.JSON))
                .as("only the keyed pseudonym, never an identity number").isNotEmpty();
        String review = JSON.writeValueAsString(new RatingReviewRequested("p-1", "NATURAL_PERSON", "C", 540, "person@2026.1",
                "REQUESTED", "demo-credit-office", "the subject disputes the result", Instant.parse("2026-11-27T08:00:00Z")));
        assertThat(schema(EventTypes.RATING_REVIEW_REQUESTED_V1).validate(review, InputFormat.JSON)).isEmpty();
        assertThat(schema(EventTypes.RATING_REVIEW_RESOLVED_V1).validate(review.replace("REQUESTED", "MAYBE"), InputFormat.JSON))
                .isNotEmpty();
        String entry = JSON.writeValueAsString(new ListEntryChanged("e-1", "91350100M000100Y43", "SERIOUS_DISHONESTY", "严重失信主体名单",
                "LISTED", java.time.LocalDate.of(2026, 11, 1), java.time.LocalDate.of(2029, 11, 1), "《...》",
                List.of("RESTRICT_PROCUREMENT"), 1, Instant.parse("2026-11-27T08:00:00Z")));
        for (String type : EventTypes.LIST_ENTRY_TYPES) {
            assertThat(schema(type).validate(entry, InputFormat.JSON)).as(type).isEmpty();
        }
        String withDueProcess = JSON.writeValueAsString(new ListEntryChanged("e-1", "person:1a2b3c4d5e6f7a8b", "JUDGMENT_DEFAULTER",
                "失信被执行人名单", "PROPOSED", null, null, "《...》", List.of(), 2, Instant.parse("2026-11-27T08:00:00Z"),
                "NOTIFIED", "NOTIFY", "告知书已送达", "NATURAL_PERSON"));
        assertThat(schema(EventTypes.LIST_ENTRY_PROPOSED_V1).validate(withDueProcess, InputFormat.JSON)).isEmpty();
        assertThat(schema(EventTypes.LIST_ENTRY_PROPOSED_V1).validate(withDueProcess.replace("\"NOTIFIED\"", "\"SOMEWHERE\""),
                InputFormat.JSON)).isNotEmpty();
    }

    @Test
    void accessAuditEventMatchesItsSchemaAndTheSchemaRefusesAnIdentityNumberInThePath() throws Exception {
        AccessAudited audited = new AccessAudited("c-1", Instant.parse("2026-11-27T08:00:00Z"), "partner-x", "abcdefghij",
                "personal-credit-service", "GET", "/api/v1/persons/person:1a2b3c4d5e6f7a8b", "person:1a2b3c4d5e6f7a8b",
                "HIRING", 200, 12);
        String json = JSON.writeValueAsString(audited);
        assertThat(schema(AccessAudited.TYPE).validate(json, InputFormat.JSON)).isEmpty();
        assertThat(JSON.readValue(json, AccessAudited.class)).isEqualTo(audited);
        String leaked = json.replace("/api/v1/persons/person:1a2b3c4d5e6f7a8b", "/api/v1/persons/11010519491231002X");
        assertThat(schema(AccessAudited.TYPE).validate(leaked, InputFormat.JSON)).isNotEmpty();
    }

    @Test
    void envelopeRoundTripsThroughCloudEventsBinaryHeaders() {
        EventEnvelope event = new EventEnvelope("e-1", SubjectRegistered.TYPE, "/enterprise-credit-service",
                "91350100M000100Y43", Instant.parse("2026-11-27T08:00:00.123Z"), "{}");
        Map<String, byte[]> headers = event.headers();
        assertThat(headers).containsKeys("ce_id", "ce_type", "ce_source", "ce_subject", "ce_time", "ce_specversion", "content-type");
        assertThat(new String(headers.get("ce_specversion"), StandardCharsets.UTF_8)).isEqualTo("1.0");
        assertThat(EventEnvelope.fromHeaders(headers, "{}")).isEqualTo(event);
    }

    @Test
    void anEnvelopeWithoutAnIdOrWithABadTimeIsMalformed() {
        Map<String, byte[]> headers = new java.util.HashMap<>(new EventEnvelope("e-1", "t", "/s", "k", Instant.now(), "{}").headers());
        headers.remove("ce_id");
        assertThatThrownBy(() -> EventEnvelope.fromHeaders(headers, "{}")).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("ce_id");
        headers.put("ce_id", "e-1".getBytes(StandardCharsets.UTF_8));
        headers.put("ce_time", "yesterday".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> EventEnvelope.fromHeaders(headers, "{}")).hasMessageContaining("ce_time");
    }

    @Test
    void everyTopicHasItsDeadLetterTopicNamedAsSpringKafkaDoes() {
        assertThat(Topics.deadLetter(Topics.SUBJECT)).isEqualTo("opencredit.subject-dlt");
        assertThat(Topics.ALL).doesNotHaveDuplicates().allSatisfy(t -> assertThat(t).startsWith("opencredit."));
    }
}
