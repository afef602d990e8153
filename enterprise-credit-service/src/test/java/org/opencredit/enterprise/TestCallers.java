package org.opencredit.enterprise;

import org.opencredit.contracts.security.ClientKind;
import org.opencredit.contracts.security.Scopes;
import org.opencredit.testkit.TestTokens;

/** The API clients these tests act as, each a fresh {@code Authorization} header value with the scopes its role has. */
final class TestCallers {

    private TestCallers() {
    }

    /** A department system submitting and changing its records. */
    static String department(String department) {
        return TestTokens.department(department, Scopes.RECORDS_WRITE, Scopes.ENTERPRISES_READ);
    }

    /** A department deciding repair applications of its records. */
    static String decider(String department) {
        return TestTokens.department(department, Scopes.RECORDS_REPAIR);
    }

    /** The market regulator's registry system, which registers and updates subjects. */
    static String registrar() {
        return TestTokens.client("market-registry", ClientKind.DEPARTMENT, "MARKET_SUPERVISION", null,
                Scopes.ENTERPRISES_WRITE, Scopes.ENTERPRISES_READ);
    }

    /** A credit agency or procurement office reading subjects, records in publicity and reports. */
    static String reader() {
        return TestTokens.partner(Scopes.ENTERPRISES_READ);
    }

    /** An auditor reading every record, also those out of publicity, and their histories. */
    static String auditor() {
        return TestTokens.client("audit-office", ClientKind.OFFICE, null, null, Scopes.ENTERPRISES_READ, Scopes.RECORDS_AUDIT);
    }

    /** The credit office's desk, filing repair applications for subjects. */
    static String desk() {
        return TestTokens.office(Scopes.RECORDS_WRITE, Scopes.ENTERPRISES_READ);
    }
}
