package org.opencredit.personal;

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;

import org.opencredit.contracts.identifier.ResidentIdentityNumber;
import org.opencredit.contracts.security.ClientKind;
import org.opencredit.contracts.security.Scopes;
import org.opencredit.testkit.TestTokens;

/** Tokens of the callers the tests play, and fresh valid identity numbers. */
public final class TestCallers {

    /** Different per JVM run and test, so tests sharing the one store never collide on a person. */
    private static final AtomicInteger NEXT = new AtomicInteger((int) (System.nanoTime() % 50_000));

    private TestCallers() {
    }

    public static String department(String department, String purpose) {
        return TestTokens.client("dept-" + department.toLowerCase(), ClientKind.DEPARTMENT, department, purpose,
                Scopes.PERSONS_READ, Scopes.PERSONS_WRITE);
    }

    public static String partner(String clientId, String purpose) {
        return TestTokens.client(clientId, ClientKind.PARTNER, null, purpose, Scopes.PERSONS_READ);
    }

    /** The credit office's consent administration (scope admin): registers and revokes persons' written authorisations. */
    public static String consentOffice() {
        return TestTokens.client("office-consents", ClientKind.OFFICE, null, null, Scopes.ADMIN);
    }

    public static String desk(String purpose) {
        return TestTokens.client("office-desk", ClientKind.OFFICE, null, purpose, Scopes.PERSONS_READ, Scopes.PERSONS_WRITE);
    }

    /** A valid identity number never used before in this run (address 330106, varying birth date and sequence). */
    public static String newIdentityNumber() {
        int n = NEXT.incrementAndGet();
        LocalDate birth = LocalDate.of(1960, 1, 1).plusDays(n % 15_000);
        String first17 = "330106" + birth.toString().replace("-", "") + String.format("%03d", (n / 15_000 * 37 + n) % 1000);
        return first17 + ResidentIdentityNumber.checkCharacter(first17);
    }
}
