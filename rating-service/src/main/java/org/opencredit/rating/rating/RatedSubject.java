package org.opencredit.rating.rating;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.opencredit.chassis.outbox.OutboxMessage;
import org.opencredit.rating.facts.ListFact;
import org.opencredit.rating.facts.RecordFact;
import org.springframework.data.annotation.Id;

/**
 * Everything rating-service keeps about one subject in one document: its fact summary (records
 * and list entries, each at the latest revision seen), the current rating, a candidate rating
 * under a model being rolled out, an open human review, the rating history and the outbox of
 * its events. A change and its event are one document update.
 *
 * @param subject     USCC, or a person's opaque reference
 * @param subjectKind LEGAL_PERSON or NATURAL_PERSON
 * @param candidate   the rating under the model a re-rating job is rolling out; null otherwise
 * @param nextReviewOn the first day time alone may change the rating (the scheduled review's due date)
 * @param version     incremented by every write
 * @param lock        {@code <subject>#<version>}, unique: writes are conditional on it (an
 *                    optimistic lock with a single-field filter, which the embedded store answers
 *                    from its unique index; a filter on {@code _id} and {@code version} makes it scan)
 * @param pseudonym   persons only: the platform-wide pseudonym ({@code person:<16 hex>}) a person record event
 *                    named, carried on the person's rating events for consumers that key persons by it
 */
public record RatedSubject(@Id String subject, String subjectKind, String name, String regionCode, String industryCode,
                           String entityKind, List<RecordFact> records, List<ListFact> lists, Assessment current,
                           Assessment candidate, Review review, LocalDate nextReviewOn, List<HistoryEntry> history,
                           List<OutboxMessage> outbox, long version, String lock, Instant updatedAt,
                           String pseudonym) {

    public static final String COLLECTION = "rated_subjects";
    public static final String LEGAL_PERSON = "LEGAL_PERSON";
    public static final String NATURAL_PERSON = "NATURAL_PERSON";
    /**
     * History kept per subject (ratings change a few times a year): whole-document writes drop the oldest entries
     * beyond it; the batched record path only appends, so a subject may briefly hold more until its next such write.
     */
    public static final int HISTORY_LIMIT = 200;

    public RatedSubject {
        records = records == null ? List.of() : List.copyOf(records);
        lists = lists == null ? List.of() : List.copyOf(lists);
        history = history == null ? List.of() : List.copyOf(history);
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
    }

    static RatedSubject empty(String subject, String subjectKind) {
        return new RatedSubject(subject, subjectKind, null, null, null, null, List.of(), List.of(), null, null, null, null,
                List.of(), List.of(), 0, lockOf(subject, 0), null, null);
    }

    public static String lockOf(String subject, long version) {
        return org.opencredit.chassis.store.OptimisticLock.of(subject, version);
    }

    public boolean stored() {
        return version > 0;
    }
}
