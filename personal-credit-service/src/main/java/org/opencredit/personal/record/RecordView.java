package org.opencredit.personal.record;

import java.time.LocalDate;
import java.util.List;

/**
 * A record as a reader sees it: no identity number, no name; consent-bound amounts are not part of it.
 *
 * @param disputed  an objection to it is open
 * @param statement the person's own statement attached to it, if any
 */
public record RecordView(String recordId, String personRef, String category, String severity, String polarity, String department,
                         String departmentRecordId, LocalDate decisionDate, LocalDate conductEndDate, String title, String content,
                         String authority, String documentNumber, String status, int revision, boolean disputed, String statement,
                         LocalDate deleteOn, List<Objection> objections) {

    static RecordView of(PersonalRecordDocument d) {
        PersonalRecord r = d.record;
        return new RecordView(r.recordId(), r.personRef(), r.category(), r.severity(), r.polarity(), r.department(),
                r.departmentRecordId(), r.decisionDate(), r.conductEndDate(), r.title(), r.content(), r.authority(), r.documentNumber(),
                r.status(), r.revision(), d.disputed, d.statement, r.deleteOn(), List.copyOf(d.objections));
    }
}
