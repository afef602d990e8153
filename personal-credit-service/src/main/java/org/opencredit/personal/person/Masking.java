package org.opencredit.personal.person;

/** What a caller sees by default: identity numbers and names masked (DOMAIN §6, minimum necessary). */
public final class Masking {

    private Masking() {
    }

    /** {@code 330106********123X}: division code and the last four characters. */
    public static String identityNumber(String normalised) {
        return normalised.substring(0, 6) + "********" + normalised.substring(14);
    }

    /** The family name (first character) and one {@code *} per further character: {@code 张**}. */
    public static String name(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
    }
}
