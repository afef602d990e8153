package org.opencredit.enterprise.record;

/**
 * Where a record stands. Only {@code PUBLISHED} records are shown in reports and shared; the others
 * are kept with their history for auditors.
 */
public enum RecordStatus {
    /** In its publicity period. */
    PUBLISHED,
    /** Minor information: recorded but, as the rules say, normally not published. */
    UNPUBLISHED,
    /** Taken back by its department with a reason (e.g. the penalty was overturned). */
    WITHDRAWN,
    /** Its publicity period ended. */
    EXPIRED,
    /** Publication ended early by credit repair. */
    REPAIRED
}
