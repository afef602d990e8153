package org.opencredit.personal.access;

/** Which callers and purposes a read of personal data admits. */
public enum ReadRule {
    /** A department, partner or the office reads for a stated purpose; partners also with the person's written consent. */
    THIRD_PARTY,
    /** The person, through the credit office's desk system: OFFICE clients with purpose SELF_INQUIRY. */
    SELF_SERVICE
}
