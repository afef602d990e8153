package org.opencredit.contracts.identifier;

import java.util.Locale;

import org.opencredit.contracts.identifier.InvalidIdentifierException.Fault;

/**
 * Unified Social Credit Code (GB 32100-2015): 18 characters, registration authority, entity kind,
 * administrative division, organisation code, check character. Construct with {@link #parse}.
 */
public record Uscc(String value) {

    /** The code's alphabet; a character's index is its value in the check computation. */
    public static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final String KIND = "uscc";

    public Uscc {
        if (value == null || value.length() != 18) {
            throw new IllegalArgumentException("use Uscc.parse to build a Uscc");
        }
    }

    /** Normalises (trim, upper-case) and validates against the default legacy exception list. */
    public static Uscc parse(String raw) {
        return parse(raw, LegacyUsccExceptions.defaults());
    }

    public static Uscc parse(String raw, LegacyUsccExceptions legacy) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidIdentifierException(KIND, Fault.MISSING, "USCC is required: give the 18-character Unified Social Credit Code");
        }
        String code = raw.trim().toUpperCase(Locale.ROOT);
        if (code.length() != 18) {
            throw new InvalidIdentifierException(KIND, Fault.LENGTH,
                    "USCC must have 18 characters, this one has " + code.length());
        }
        if (legacy.contains(code)) {
            return new Uscc(code);
        }
        // position 18 is judged by the check below, so its fault message can name the expected character
        for (int i = 0; i < 17; i++) {
            char c = code.charAt(i);
            if (ALPHABET.indexOf(c) < 0) {
                throw new InvalidIdentifierException(KIND, Fault.CHARACTER, "USCC character " + (i + 1) + " is '" + c
                        + "', which no USCC contains: allowed are 0-9 and the capitals A-H J-N P-R T U W-Y (never I, O, S, V, Z)");
            }
        }
        RegistrationAuthority authority = RegistrationAuthority.of(code.charAt(0)).orElseThrow(() ->
                new InvalidIdentifierException(KIND, Fault.STRUCTURE, "USCC character 1 is '" + code.charAt(0)
                        + "', which is not a registration authority code (allowed: " + RegistrationAuthority.allowedCodes() + ")"));
        if (authority.entityKind(code.charAt(1)).isEmpty()) {
            throw new InvalidIdentifierException(KIND, Fault.STRUCTURE, "USCC character 2 is '" + code.charAt(1)
                    + "', which is not an entity kind of registration authority '" + authority.code() + "' (allowed: "
                    + authority.allowedKindCodes() + ")");
        }
        for (int i = 2; i < 8; i++) {
            if (!Character.isDigit(code.charAt(i))) {
                throw new InvalidIdentifierException(KIND, Fault.STRUCTURE, "USCC characters 3-8 are the administrative division code and must be digits; character "
                        + (i + 1) + " is '" + code.charAt(i) + "'");
            }
        }
        char expected = checkCharacter(code.substring(0, 17));
        char actual = code.charAt(17);
        if (actual != expected) {
            String notInAlphabet = ALPHABET.indexOf(actual) < 0 ? " (which no USCC contains)" : "";
            throw new InvalidIdentifierException(KIND, Fault.CHECK_CHARACTER, "USCC check character (18th) is '" + actual
                    + "'" + notInAlphabet + " but characters 1-17 require '" + expected + "': check the code for a typing error");
        }
        return new Uscc(code);
    }

    /** The check character for the first 17 characters of a code. */
    public static char checkCharacter(String first17) {
        if (first17.length() != 17) {
            throw new IllegalArgumentException("need exactly 17 characters, got " + first17.length());
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = ALPHABET.indexOf(first17.charAt(i));
            if (v < 0) {
                throw new IllegalArgumentException("'" + first17.charAt(i) + "' is not a USCC character");
            }
            sum += v * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return ALPHABET.charAt(check == 31 ? 0 : check);
    }

    /** Position 1; absent for legacy codes whose authority character is not in the standard. */
    public java.util.Optional<RegistrationAuthority> authority() {
        return RegistrationAuthority.of(value.charAt(0));
    }

    /** Position 2 read against the authority, e.g. "enterprise" for 91... */
    public String entityKind() {
        return authority().flatMap(a -> a.entityKind(value.charAt(1))).orElse("unknown");
    }

    /** Positions 3-8: GB/T 2260 division code of the registering authority. */
    public String regionCode() {
        return value.substring(2, 8);
    }

    /** Positions 9-17: the GB 11714 organisation code, the bridge to older department keys. */
    public String organisationCode() {
        return value.substring(8, 17);
    }

    @Override
    public String toString() {
        return value;
    }
}
