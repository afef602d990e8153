package org.opencredit.personal.record;

import java.util.ArrayList;
import java.util.List;

import org.opencredit.chassis.outbox.OutboxMessage;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Storage shape of a personal record: current state, full history, objections, the person's
 * statement and the events still owed to Kafka, in one document so each change and its event commit
 * together. {@code personRef}, {@code deleteOn} and {@code disputed} are copied to the top level for
 * queries (indexed on real MongoDB; the embedded server ignores non-unique indexes and scans). Changes
 * are conditional on {@code lock} ({@code <id>#<version>}, unique; see
 * {@link org.opencredit.chassis.store.OptimisticLock}).
 */
@Document(PersonalRecordDocument.COLLECTION)
public class PersonalRecordDocument {
    public static final String COLLECTION = "person_records";

    @Id
    String id;
    @Indexed
    String personRef;
    /** yyyy-MM-dd (compares as text), null when the record is not subject to deletion. */
    @Indexed(sparse = true)
    String deleteOn;
    boolean disputed;
    /**
     * The person's platform-wide pseudonym, copied from the person when the record is submitted so its events
     * carry it without reading the person; {@code null} only before {@link RecordPseudonymBackfill} ran.
     */
    String subjectPseudonym;
    PersonalRecord record;
    List<RecordChange> history = new ArrayList<>();
    List<Objection> objections = new ArrayList<>();
    String statement;
    Long version;
    /** {@code null} only in a document stored before the field existed and not yet backfilled. */
    String lock;
    List<OutboxMessage> outbox = new ArrayList<>();
    /** The chunk ledger that carried the event of a bulk-ingested record (see {@code OutboxRelay.openLedger}); else null. */
    String outboxLedger;

    public PersonalRecord record() {
        return record;
    }

    public String subjectPseudonym() {
        return subjectPseudonym;
    }
}
