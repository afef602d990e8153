package org.opencredit.contracts.security;

import java.util.Set;

/** The fixed list of purposes a caller may declare for a read of personal data (DOMAIN §6). */
public final class Purposes {

    public static final String ADMINISTRATIVE_LICENSING = "ADMINISTRATIVE_LICENSING";
    public static final String GOVERNMENT_PROCUREMENT = "GOVERNMENT_PROCUREMENT";
    public static final String SUBSIDY_REVIEW = "SUBSIDY_REVIEW";
    public static final String HIRING = "HIRING";
    public static final String FINANCING = "FINANCING";
    public static final String SELF_INQUIRY = "SELF_INQUIRY";
    public static final String OBJECTION_HANDLING = "OBJECTION_HANDLING";
    public static final String SUPERVISION = "SUPERVISION";

    public static final Set<String> ALL = Set.of(ADMINISTRATIVE_LICENSING, GOVERNMENT_PROCUREMENT, SUBSIDY_REVIEW,
            HIRING, FINANCING, SELF_INQUIRY, OBJECTION_HANDLING, SUPERVISION);

    private Purposes() {
    }
}
