package org.opencredit.contracts.identifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.opencredit.contracts.identifier.InvalidIdentifierException.Fault;

class ResidentIdentityNumberTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    static String withCheck(String first17) {
        return first17 + ResidentIdentityNumber.checkCharacter(first17);
    }

    @Test
    void acceptsTheStandardsExampleAndDerivesBirthDateSexAndRegion() {
        // GB 11643-1999 appendix example
        ResidentIdentityNumber id = ResidentIdentityNumber.parse("11010519491231002X", TODAY);
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(id.sex()).isEqualTo(ResidentIdentityNumber.Sex.FEMALE);
        assertThat(id.regionCode()).isEqualTo("110105");
    }

    @Test
    void normalisesLowerCaseX() {
        assertThat(ResidentIdentityNumber.parse(" 11010519491231002x ", TODAY).reveal()).isEqualTo("11010519491231002X");
    }

    @Test
    void masksByDefaultSoItCannotLeakIntoLogs() {
        ResidentIdentityNumber id = ResidentIdentityNumber.parse("11010519491231002X", TODAY);
        assertThat(id.masked()).isEqualTo("110105********002X");
        assertThat(id.toString()).isEqualTo("110105********002X").doesNotContain("19491231");
    }

    @Test
    void rejectsWrongCheckCharacterNamingTheExpectedOneButNotTheNumber() {
        assertThatThrownBy(() -> ResidentIdentityNumber.parse("110105194912310021", TODAY))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> assertThat(e.fault()).isEqualTo(Fault.CHECK_CHARACTER))
                .hasMessageContaining("require 'X'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("11010519491231"));
    }

    @Test
    void rejectsImpossibleBirthDates() {
        assertThatThrownBy(() -> ResidentIdentityNumber.parse(withCheck("11010519490230002"), TODAY))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> assertThat(e.fault()).isEqualTo(Fault.BIRTH_DATE))
                .hasMessageContaining("real birth date");
        assertThatThrownBy(() -> ResidentIdentityNumber.parse(withCheck("11010520260229002"), TODAY))
                .hasMessageContaining("real birth date");
    }

    @Test
    void acceptsLeapDayInALeapYear() {
        assertThat(ResidentIdentityNumber.parse(withCheck("11010520000229002"), TODAY).birthDate())
                .isEqualTo(LocalDate.of(2000, 2, 29));
    }

    @Test
    void rejectsBirthDateInTheFutureButAcceptsToday() {
        assertThatThrownBy(() -> ResidentIdentityNumber.parse(withCheck("11010520261128001"), TODAY))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> assertThat(e.fault()).isEqualTo(Fault.BIRTH_DATE))
                .hasMessageContaining("future");
        assertThat(ResidentIdentityNumber.parse(withCheck("11010520261127001"), TODAY).sex())
                .isEqualTo(ResidentIdentityNumber.Sex.MALE);
    }

    @Test
    void rejectsLettersAndWrongLength() {
        assertThatThrownBy(() -> ResidentIdentityNumber.parse("1101051949123100AX", TODAY))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> assertThat(e.fault()).isEqualTo(Fault.CHARACTER))
                .hasMessageContaining("character 17");
        assertThatThrownBy(() -> ResidentIdentityNumber.parse("110105194912310", TODAY))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> assertThat(e.fault()).isEqualTo(Fault.LENGTH));
    }

    @Test
    void rejectsDivisionCodeStartingWithZero() {
        assertThatThrownBy(() -> ResidentIdentityNumber.parse(withCheck("01010519491231002"), TODAY))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> assertThat(e.fault()).isEqualTo(Fault.STRUCTURE));
    }
}
