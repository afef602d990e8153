package org.opencredit.contracts.events;

import java.util.List;

/** Kafka topics, one per event family, keyed by subject id. */
public final class Topics {
    /** Legal-person subjects: registered, updated. Producer: enterprise-credit-service. */
    public static final String SUBJECT = "opencredit.subject";
    /** Enterprise credit records: published, revised, withdrawn, expired, repaired. */
    public static final String RECORD = "opencredit.record";
    /** Personal credit records. Producer: personal-credit-service. */
    public static final String PERSON_RECORD = "opencredit.person-record";
    /** Rating changes. Producer: rating-service. */
    public static final String RATING = "opencredit.rating";
    /** List entries: proposed, listed, removed, expired. Producer: blacklist-service. */
    public static final String LIST_ENTRY = "opencredit.list-entry";
    /** Access audit from the gateway. */
    public static final String ACCESS_AUDIT = "opencredit.access-audit";

    public static final List<String> ALL = List.of(SUBJECT, RECORD, PERSON_RECORD, RATING, LIST_ENTRY, ACCESS_AUDIT);

    /** Dead-letter topic of a topic, as spring-kafka 4 names it. */
    public static String deadLetter(String topic) {
        return topic + "-dlt";
    }

    private Topics() {
    }
}
