package org.opencredit.blacklist.entry;

import org.opencredit.blacklist.catalogue.ListCatalogue;
import org.opencredit.blacklist.catalogue.ListType;
import org.opencredit.blacklist.catalogue.Measure;
import org.opencredit.contracts.events.EventTypes;
import org.opencredit.contracts.events.ListEntryChanged;

/**
 * The {@code list entry changed} event of a step. The contract has four types; the due-process
 * steps before listing travel as {@code proposed} (state says which step), a proposal dropped before
 * listing as {@code removed} with state WITHDRAWN, an extension as {@code listed} with the new end.
 */
final class EntryEvents {

    private EntryEvents() {
    }

    static String type(ListEntry entry) {
        return switch (entry.state()) {
            case PROPOSED, NOTIFIED, OBJECTED -> EventTypes.LIST_ENTRY_PROPOSED_V1;
            case LISTED -> EventTypes.LIST_ENTRY_LISTED_V1;
            case WITHDRAWN, REMOVED -> EventTypes.LIST_ENTRY_REMOVED_V1;
            case EXPIRED -> EventTypes.LIST_ENTRY_EXPIRED_V1;
        };
    }

    static String status(ListEntry entry) {
        return switch (entry.state()) {
            case PROPOSED, NOTIFIED, OBJECTED -> "PROPOSED";
            case LISTED -> "LISTED";
            case WITHDRAWN, REMOVED -> "REMOVED";
            case EXPIRED -> "EXPIRED";
        };
    }

    static ListEntryChanged payload(ListEntry entry, ListCatalogue catalogue) {
        ListType type = catalogue.listType(entry.listType()).orElseThrow();
        Transition step = entry.lastStep();
        return new ListEntryChanged(entry.id(), entry.subject(), entry.listType(), type.name(), status(entry), entry.listedOn(),
                entry.expiresOn(), entry.legalBasis(), catalogue.measuresOf(entry.listType()).stream().map(Measure::code).toList(),
                entry.revision(), step.at(), entry.state().name(), step.action().name(), step.reason(), entry.subjectKind());
    }
}
