package org.opencredit.contracts.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One event as it travels on Kafka: CloudEvents attributes in headers (binary mode), the JSON
 * payload as the record value, the subject id as the record key.
 *
 * @param id      unique event id; consumers deduplicate on it
 * @param type    versioned type, e.g. {@link EventTypes#SUBJECT_REGISTERED_V1}
 * @param source  the producing service, e.g. {@code /enterprise-credit-service}
 * @param subject the credit subject (USCC or person key); also the Kafka key
 * @param time    when the state change was committed
 * @param data    JSON payload
 */
public record EventEnvelope(String id, String type, String source, String subject, Instant time, String data) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }

    public Map<String, byte[]> headers() {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_VALUE));
        headers.put(CloudEventHeaders.ID, bytes(id));
        headers.put(CloudEventHeaders.TYPE, bytes(type));
        headers.put(CloudEventHeaders.SOURCE, bytes(source));
        headers.put(CloudEventHeaders.SUBJECT, bytes(subject));
        headers.put(CloudEventHeaders.TIME, bytes(time.toString()));
        headers.put(CloudEventHeaders.CONTENT_TYPE, bytes(CloudEventHeaders.JSON));
        return headers;
    }

    /**
     * Reads an envelope back from headers; throws {@link MalformedEventException} naming the
     * missing or malformed attribute (such a record is poison and belongs on the dead-letter topic).
     */
    public static EventEnvelope fromHeaders(Map<String, byte[]> headers, String data) {
        String spec = required(headers, CloudEventHeaders.SPEC_VERSION);
        if (!CloudEventHeaders.SPEC_VERSION_VALUE.equals(spec)) {
            throw new MalformedEventException("unsupported " + CloudEventHeaders.SPEC_VERSION + " '" + spec + "'");
        }
        Instant time;
        try {
            time = Instant.parse(required(headers, CloudEventHeaders.TIME));
        } catch (DateTimeParseException e) {
            throw new MalformedEventException(CloudEventHeaders.TIME + " is not an RFC 3339 timestamp");
        }
        if (data == null) {
            throw new MalformedEventException("event has no payload");
        }
        return new EventEnvelope(required(headers, CloudEventHeaders.ID), required(headers, CloudEventHeaders.TYPE),
                required(headers, CloudEventHeaders.SOURCE), required(headers, CloudEventHeaders.SUBJECT), time, data);
    }

    private static String required(Map<String, byte[]> headers, String name) {
        byte[] value = headers.get(name);
        if (value == null || value.length == 0) {
            throw new MalformedEventException("missing CloudEvents header " + name);
        }
        return new String(value, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
