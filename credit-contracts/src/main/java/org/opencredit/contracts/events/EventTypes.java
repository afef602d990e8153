package org.opencredit.contracts.events;

/**
 * CloudEvents {@code ce_type} values. The version is part of the type: a breaking change is a new
 * type, and consumers accept both while producers migrate.
 */
public final class EventTypes {
    public static final String SUBJECT_REGISTERED_V1 = "org.opencredit.subject.registered.v1";

    /** Classpath location of the JSON Schema of an event type. */
    public static String schemaResource(String type) {
        return "schemas/" + type + ".json";
    }

    private EventTypes() {
    }
}
