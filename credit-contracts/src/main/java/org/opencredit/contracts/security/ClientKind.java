package org.opencredit.contracts.security;

/** The kinds of API client (ARCHITECTURE "Security model"). */
public enum ClientKind {
    /** A government department's system; carries a department code and writes that department's records. */
    DEPARTMENT,
    /** A licensed credit agency: public enterprise data; personal data only with purpose and consent. */
    PARTNER,
    /** The credit office: administration, repair decisions, the desk system. */
    OFFICE,
    /** Operators: metrics and health. */
    OPS
}
