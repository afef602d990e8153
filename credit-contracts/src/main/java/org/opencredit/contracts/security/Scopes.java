package org.opencredit.contracts.security;

import java.util.Set;

/**
 * The scopes an API client may hold. The gateway puts them in the internal token; every service
 * enforces the ones its endpoints need (Spring authorities {@code SCOPE_<scope>}).
 */
public final class Scopes {

    /** Enterprise subjects, credit reports, the catalogue. */
    public static final String ENTERPRISES_READ = "enterprises:read";
    /** Register and update enterprise subjects. */
    public static final String ENTERPRISES_WRITE = "enterprises:write";
    /** Submit, revise and withdraw credit records, bulk batches, repair requests (own department's categories only). */
    public static final String RECORDS_WRITE = "records:write";
    /** Read the full history of records (revisions, withdrawals), for auditors. */
    public static final String RECORDS_AUDIT = "records:audit";
    /** Decide repair requests (credit office). */
    public static final String RECORDS_REPAIR = "records:repair";
    /** Personal credit data (always with purpose; partners also with consent). */
    public static final String PERSONS_READ = "persons:read";
    public static final String PERSONS_WRITE = "persons:write";
    public static final String RATINGS_READ = "ratings:read";
    public static final String RATINGS_ADMIN = "ratings:admin";
    public static final String LISTS_READ = "lists:read";
    public static final String LISTS_WRITE = "lists:write";
    public static final String CREDIT_CHECKS = "credit-checks";
    /** The gateway's client administration (OFFICE clients). */
    public static final String ADMIN = "admin";

    public static final Set<String> ALL = Set.of(ENTERPRISES_READ, ENTERPRISES_WRITE, RECORDS_WRITE, RECORDS_AUDIT,
            RECORDS_REPAIR, PERSONS_READ, PERSONS_WRITE, RATINGS_READ, RATINGS_ADMIN, LISTS_READ, LISTS_WRITE,
            CREDIT_CHECKS, ADMIN);

    /** Spring Security authority for a scope. */
    public static String authority(String scope) {
        return "SCOPE_" + scope;
    }

    private Scopes() {
    }
}
