package org.opencredit.personal.person;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The key groups persons are enrolled in (reference data, {@code key-groups.json}), by enrolment batch. */
public record KeyGroups(String note, List<KeyGroup> groups) {

    /** One key group: its code, names, enrolment batch (1-3) and the departments that record its members. */
    public record KeyGroup(String code, String name, String nameEn, int batch, List<String> departments) {
    }

    public KeyGroups {
        groups = List.copyOf(groups);
    }

    public Optional<KeyGroup> group(String code) {
        return groups.stream().filter(g -> g.code().equals(code)).findFirst();
    }

    public static KeyGroups standard() {
        try (InputStream in = KeyGroups.class.getClassLoader().getResourceAsStream("key-groups.json")) {
            if (in == null) {
                throw new IllegalStateException("key-groups.json is missing from the classpath");
            }
            return JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build().readValue(in, KeyGroups.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
