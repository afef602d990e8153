package org.opencredit.testkit;

import org.opencredit.contracts.identifier.Uscc;

/** Valid identifiers for tests, computed rather than copied (DOMAIN §2: never copy codes from blogs). */
public final class TestCodes {
    private TestCodes() {
    }

    /** A valid USCC: the 17 given characters and their check character. */
    public static String uscc(String first17) {
        return first17 + Uscc.checkCharacter(first17);
    }
}
