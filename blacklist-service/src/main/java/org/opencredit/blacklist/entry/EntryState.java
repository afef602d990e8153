package org.opencredit.blacklist.entry;

import java.util.Set;

/**
 * Where an entry stands in due process: proposed → notified (objection window) → listed → removed
 * or expired; an objection suspends listing (OBJECTED) until answered; a proposal may be withdrawn.
 */
public enum EntryState {
    PROPOSED, NOTIFIED, OBJECTED, LISTED, WITHDRAWN, REMOVED, EXPIRED;

    public boolean terminal() {
        return this == WITHDRAWN || this == REMOVED || this == EXPIRED;
    }

    /** Entries the public may see: listed now, or listed once (their removal or expiry is public too). */
    public boolean published() {
        return this == LISTED || this == REMOVED || this == EXPIRED;
    }

    static final Set<EntryState> BEFORE_LISTING = Set.of(PROPOSED, NOTIFIED, OBJECTED);
}
