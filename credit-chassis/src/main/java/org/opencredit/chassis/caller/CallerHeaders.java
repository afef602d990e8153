package org.opencredit.chassis.caller;

/**
 * Headers the gateway sets after authenticating a caller (it strips any a caller sends). The one
 * seam through which services learn who calls; a signed internal token replaces them later.
 */
public final class CallerHeaders {
    /** The authenticated API client's id. */
    public static final String CALLER = "X-OpenCredit-Caller";
    /** The department code a department system acts for. */
    public static final String DEPARTMENT = "X-OpenCredit-Department";

    private CallerHeaders() {
    }
}
