package org.opencredit.enterprise.record;

import java.util.ArrayList;
import java.util.List;

import org.opencredit.chassis.outbox.OutboxMessage;
import org.opencredit.chassis.store.OptimisticLock;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Storage shape of a record: the current state, its full history, and the events its changes still
 * owe Kafka, in one document so that each change and its event commit together. {@code uscc} and
 * {@code status} are copied to the top level for queries (indexed on real MongoDB; the embedded
 * server ignores non-unique indexes and scans). Changes are conditional on {@code lock}
 * ({@code <id>#<version>}, unique; see {@link OptimisticLock}).
 */
@Document(RecordDocument.COLLECTION)
@CompoundIndex(name = "status_publicity", def = "{'status': 1, 'record.publicityEnds': 1}")
class RecordDocument {
    static final String COLLECTION = "records";

    @Id
    String id;
    @Indexed
    String uscc;
    String status;
    CreditRecord record;
    List<RecordChange> history = new ArrayList<>();
    List<RepairApplication> repairApplications = new ArrayList<>();
    Long version;
    /** {@code null} only in a document stored before the field existed and not yet backfilled. */
    String lock;
    List<OutboxMessage> outbox = new ArrayList<>();
    /** The chunk ledger that carried the event of a bulk-ingested record (see {@code OutboxRelay.openLedger}); else null. */
    String outboxLedger;

    /** The full history, each entry with the record as it was after that change. */
    List<RecordChange> fullHistory() {
        List<RecordChange> full = new ArrayList<>(history);
        int last = full.size() - 1;
        RecordChange newest = full.get(last);
        if (newest.record() == null) {
            full.set(last, new RecordChange(newest.revision(), newest.change(), newest.at(), newest.by(), newest.reason(), record));
        }
        return full;
    }

    static RecordDocument submitted(CreditRecord record, String by, OutboxMessage event) {
        RecordDocument d = new RecordDocument();
        d.id = record.recordId();
        d.version = 0L;
        d.lock = OptimisticLock.of(d.id, 0);
        d.uscc = record.uscc();
        d.status = record.status().name();
        d.record = record;
        // the newest history entry's snapshot is the current record: stored once, filled in when read
        d.history.add(new RecordChange(record.revision(), RecordChange.SUBMITTED, record.submittedAt(), by, null, null));
        if (event != null) {
            d.outbox.add(event);
        }
        return d;
    }
}
