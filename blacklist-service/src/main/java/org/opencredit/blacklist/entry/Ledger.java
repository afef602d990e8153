package org.opencredit.blacklist.entry;

import java.util.List;

import org.opencredit.chassis.outbox.OutboxMessage;
import org.springframework.data.annotation.Id;

/**
 * All list entries of one subject in one document, with the outbox of their events: a step and its
 * event are written in one document update, and a credit check reads one document by its id (no
 * scan, whatever the number of entries on the platform).
 *
 * @param nextSeq next entry number; entry ids are {@code <subject>-<n>}
 * @param version incremented by every write
 * @param lock    {@code <subject>#<version>}, unique: every write is conditional on the lock it read (see
 *                {@link org.opencredit.chassis.store.OptimisticLock}); {@code null} in a ledger stored
 *                before the field existed and not yet backfilled, and in an empty ledger not stored yet
 */
public record Ledger(@Id String subject, String subjectKind, int nextSeq, List<ListEntry> entries, List<OutboxMessage> outbox,
                     long version, String lock) {

    public static final String COLLECTION = "ledgers";

    public Ledger {
        entries = entries == null ? List.of() : List.copyOf(entries);
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
    }

    static Ledger empty(String subject, String subjectKind) {
        return new Ledger(subject, subjectKind, 1, List.of(), List.of(), 0, null);
    }

    public java.util.Optional<ListEntry> entry(String entryId) {
        return entries.stream().filter(e -> e.id().equals(entryId)).findFirst();
    }

    /** The subject of an entry id ({@code <subject>-<n>}), or {@code null} when the id has no such shape. */
    public static String subjectOf(String entryId) {
        int dash = entryId.lastIndexOf('-');
        if (dash <= 0 || dash == entryId.length() - 1 || !entryId.substring(dash + 1).chars().allMatch(Character::isDigit)) {
            return null;
        }
        return entryId.substring(0, dash);
    }
}
