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
 * @param keys    derived from the entries, never set by hand: {@link #key} of every state × list type ×
 *                subject kind present (with {@link #ANY} for "all"), so the feed and the office's lists
 *                select ledgers by one equality on a multikey index instead of reading every ledger
 */
public record Ledger(@Id String subject, String subjectKind, int nextSeq, List<ListEntry> entries, List<OutboxMessage> outbox,
                     long version, String lock, List<String> keys) {

    public static final String COLLECTION = "ledgers";
    public static final String KEYS = "keys";
    public static final String ANY = "*";

    public Ledger {
        entries = entries == null ? List.of() : List.copyOf(entries);
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
        keys = keysOf(entries);
    }

    public Ledger(String subject, String subjectKind, int nextSeq, List<ListEntry> entries, List<OutboxMessage> outbox, long version,
                  String lock) {
        this(subject, subjectKind, nextSeq, entries, outbox, version, lock, null);
    }

    static Ledger empty(String subject, String subjectKind) {
        return new Ledger(subject, subjectKind, 1, List.of(), List.of(), 0, null);
    }

    /** The selection key of entries in {@code state} of {@code listType} and {@code subjectKind} ({@code null}: any). */
    public static String key(EntryState state, String listType, String subjectKind) {
        return state.name() + "|" + (listType == null ? ANY : listType) + "|" + (subjectKind == null ? ANY : subjectKind);
    }

    static List<String> keysOf(List<ListEntry> entries) {
        java.util.Set<String> keys = new java.util.TreeSet<>();
        for (ListEntry e : entries) {
            keys.add(key(e.state(), null, null));
            keys.add(key(e.state(), e.listType(), null));
            keys.add(key(e.state(), null, e.subjectKind()));
            keys.add(key(e.state(), e.listType(), e.subjectKind()));
        }
        return List.copyOf(keys);
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
