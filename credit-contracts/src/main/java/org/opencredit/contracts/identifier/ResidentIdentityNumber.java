package org.opencredit.contracts.identifier;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;

import org.opencredit.contracts.identifier.InvalidIdentifierException.Fault;

/**
 * Resident identity number (GB 11643-1999). Personal information: {@link #toString()} is masked,
 * and no error message repeats the number.
 */
public final class ResidentIdentityNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";
    private static final String KIND = "identityNumber";
    /** Oldest birth year accepted: first-generation cards covered people born before 1900 only in theory. */
    private static final int EARLIEST_YEAR = 1880;

    public enum Sex { MALE, FEMALE }

    private final String value;

    private ResidentIdentityNumber(String value) {
        this.value = value;
    }

    /**
     * Normalises (trim, upper-case x) and validates: 17 digits and a check character, a real birth
     * date not after {@code today}, the check character of GB 11643.
     */
    public static ResidentIdentityNumber parse(String raw, LocalDate today) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidIdentifierException(KIND, Fault.MISSING, "identity number is required: give the 18-character resident identity number");
        }
        String id = raw.trim().toUpperCase(Locale.ROOT);
        if (id.length() != 18) {
            throw new InvalidIdentifierException(KIND, Fault.LENGTH,
                    "identity number must have 18 characters, this one has " + id.length());
        }
        for (int i = 0; i < 17; i++) {
            if (!Character.isDigit(id.charAt(i)) || id.charAt(i) > '9') {
                throw new InvalidIdentifierException(KIND, Fault.CHARACTER,
                        "identity number characters 1-17 must be digits; character " + (i + 1) + " is not");
            }
        }
        char last = id.charAt(17);
        if (!(last >= '0' && last <= '9') && last != 'X') {
            throw new InvalidIdentifierException(KIND, Fault.CHARACTER,
                    "identity number character 18 must be a digit or X");
        }
        if (id.charAt(0) == '0' || id.charAt(0) == '9') {
            throw new InvalidIdentifierException(KIND, Fault.STRUCTURE,
                    "identity number characters 1-6 must be an administrative division code (first digit 1-8)");
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
        } catch (DateTimeException e) {
            throw new InvalidIdentifierException(KIND, Fault.BIRTH_DATE,
                    "identity number characters 7-14 must be a real birth date yyyyMMdd; they are not a date on the calendar");
        }
        if (birth.isAfter(today)) {
            throw new InvalidIdentifierException(KIND, Fault.BIRTH_DATE,
                    "identity number characters 7-14 give a birth date in the future");
        }
        if (birth.getYear() < EARLIEST_YEAR) {
            throw new InvalidIdentifierException(KIND, Fault.BIRTH_DATE,
                    "identity number characters 7-14 give a birth year before " + EARLIEST_YEAR);
        }
        char expected = checkCharacter(id.substring(0, 17));
        if (last != expected) {
            throw new InvalidIdentifierException(KIND, Fault.CHECK_CHARACTER, "identity number check character (18th) is '"
                    + last + "' but characters 1-17 require '" + expected + "': check the number for a typing error");
        }
        return new ResidentIdentityNumber(id);
    }

    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }

    /** The full number; only for storage encryption, keyed hashing and callers with the right. */
    public String reveal() {
        return value;
    }

    public String regionCode() {
        return value.substring(0, 6);
    }

    public LocalDate birthDate() {
        return LocalDate.of(Integer.parseInt(value.substring(6, 10)), Integer.parseInt(value.substring(10, 12)),
                Integer.parseInt(value.substring(12, 14)));
    }

    /** Odd sequence number: male; even: female. */
    public Sex sex() {
        return (value.charAt(16) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE;
    }

    /** {@code 330106********123X}: division code and the last four characters. */
    public String masked() {
        return value.substring(0, 6) + "********" + value.substring(14);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResidentIdentityNumber other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Masked on purpose, so the number cannot leak into logs by string concatenation. */
    @Override
    public String toString() {
        return masked();
    }
}
