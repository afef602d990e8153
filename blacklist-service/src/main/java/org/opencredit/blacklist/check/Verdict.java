package org.opencredit.blacklist.check;

/** What the deciding department may do: grant as usual, grant only under the measures' conditions, or not grant. */
public enum Verdict {
    NO_RESTRICTION, RESTRICTED, PROHIBITED
}
