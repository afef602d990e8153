package org.opencredit.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;

import com.networknt.schema.InputFormat;
import org.junit.jupiter.api.Test;

class PersonRecordEventContractTest {

    static final PersonRecordChanged CHANGED = new PersonRecordChanged("0123456789abcdef01234567", "P0123456789abcdef01234567",
            "ADMIN_PENALTY", "GENERAL", "NEGATIVE", "TRANSPORT", LocalDate.of(2026, 11, 20), "PUBLISHED", 1, false, null, null, null,
            Instant.parse("2026-11-27T08:00:00Z"), "person:0123456789abcdef");

    @Test
    void everyPersonRecordEventTypeSharesOneSchemaAndAProducedPayloadMatchesIt() throws Exception {
        String json = EventContractsTest.JSON.writeValueAsString(CHANGED);
        for (String type : EventTypes.PERSON_RECORD_TYPES) {
            assertThat(EventContractsTest.schema(type).validate(json, InputFormat.JSON)).as(type).isEmpty();
        }
        assertThat(EventContractsTest.JSON.readValue(json, PersonRecordChanged.class)).isEqualTo(CHANGED);
    }

    @Test
    void theSchemaRefusesAnIdentityNumberAsPersonReferenceAndExtraFields() throws Exception {
        String json = EventContractsTest.JSON.writeValueAsString(CHANGED);
        String withIdentityNumber = json.replace("P0123456789abcdef01234567", "11010519491231002X");
        assertThat(EventContractsTest.schema(EventTypes.PERSON_RECORD_PUBLISHED_V1).validate(withIdentityNumber, InputFormat.JSON))
                .isNotEmpty();
        String extra = json.replace("{\"recordId\"", "{\"identityNumber\":\"11010519491231002X\",\"recordId\"");
        assertThat(EventContractsTest.schema(EventTypes.PERSON_RECORD_DELETED_V1).validate(extra, InputFormat.JSON)).isNotEmpty();
        String numberAsPseudonym = json.replace("person:0123456789abcdef", "11010519491231002X");
        assertThat(EventContractsTest.schema(EventTypes.PERSON_RECORD_REVISED_V1).validate(numberAsPseudonym, InputFormat.JSON))
                .as("the pseudonym must be the keyed form, never a number").isNotEmpty();
    }
}
