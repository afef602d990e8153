package org.opencredit.personal.record;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A submitted JSON object, kept as a tree until it has been checked for prohibited fields. Its
 * {@link #toString()} says nothing of the content: frameworks log decoded bodies at debug level,
 * and neither identity numbers nor prohibited data may reach a log.
 */
public final class RawSubmission {

    private final ObjectNode body = JsonNodeFactory.instance.objectNode();

    @JsonAnySetter
    void put(String field, JsonNode value) {
        body.set(field, value);
    }

    ObjectNode body() {
        return body;
    }

    @Override
    public String toString() {
        return "RawSubmission[" + body.size() + " fields, content not shown]";
    }
}
