package org.opencredit.testkit.data;

/**
 * The credit profile an enterprise's records are drawn for, with its share of the population. The shares are tuned so
 * that a plain scorecard (base score, points off per negative record by severity, points on for positive records,
 * SERIOUS_DISHONESTY list forces D) reproduces the source province's published distribution
 * (DOMAIN §1: A 1.0% · B 92.5% · C 6.3% · D 0.2%): EXEMPLARY → A, ORDINARY and BLEMISHED → B, TROUBLED → C,
 * DISHONEST → D. EXEMPLARY is a little above 1% and TROUBLED a little above 6.3% because a model will not promote
 * every exemplary subject nor demote every troubled one.
 */
public enum EnterpriseProfile {
    /** 1–3 positive records (COMMENDATION, kept CREDIT_COMMITMENT, TAX_CREDIT_GRADE A), never a negative one; a quarter on the RED_LIST. */
    EXEMPLARY(0.012),
    /** No records (half), licences (ADMIN_LICENCE, neutral), or licences and one MINOR/GENERAL ADMIN_PENALTY. */
    ORDINARY(0.86),
    /** Exactly one GENERAL negative record of any negative category (plus licences). */
    BLEMISHED(0.0605),
    /** 2–4 GENERAL negatives across categories, or one SERIOUS (ADMIN_PENALTY / ENVIRONMENTAL_VIOLATION) with at most one GENERAL. */
    TROUBLED(0.065),
    /** 1–2 SERIOUS records (TAX_MAJOR_VIOLATION, JUDGMENT_DEFAULTER, CUSTOMS_DISHONEST, ADMIN_PENALTY), on the SERIOUS_DISHONESTY list. */
    DISHONEST(0.0025);

    private final double share;

    EnterpriseProfile(double share) {
        this.share = share;
    }

    /** Configured share of generated enterprises with this profile. */
    public double share() {
        return share;
    }
}
