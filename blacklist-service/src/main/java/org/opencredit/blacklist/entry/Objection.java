package org.opencredit.blacklist.entry;

import java.time.LocalDate;

/**
 * The subject's objection to a notified entry; while it is unanswered the entry cannot be listed.
 *
 * @param upheld {@code null} until answered
 */
public record Objection(LocalDate filedOn, String statement, LocalDate answerDue, LocalDate answeredOn, Boolean upheld,
                        String answer) {

    public boolean answered() {
        return upheld != null;
    }
}
