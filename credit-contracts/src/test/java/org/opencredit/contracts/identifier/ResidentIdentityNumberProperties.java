package org.opencredit.contracts.identifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class ResidentIdentityNumberProperties {

    static final LocalDate TODAY = ResidentIdentityNumberTest.TODAY;

    record Generated(String number, LocalDate birth, boolean male) {
    }

    @Property(tries = 2000)
    void everyGeneratedValidNumberValidatesWithItsBirthDateAndSex(@ForAll("validNumbers") Generated g) {
        ResidentIdentityNumber id = ResidentIdentityNumber.parse(g.number(), TODAY);
        assertThat(id.birthDate()).isEqualTo(g.birth());
        assertThat(id.sex()).isEqualTo(g.male() ? ResidentIdentityNumber.Sex.MALE : ResidentIdentityNumber.Sex.FEMALE);
        assertThat(id.masked()).hasSize(18).contains("********").doesNotContain(g.number().substring(6, 14));
    }

    @Property(tries = 3000)
    void everySingleCharacterChangeIsRejected(@ForAll("validNumbers") Generated g,
                                              @ForAll @IntRange(min = 0, max = 17) int position,
                                              @ForAll @IntRange(min = 1, max = 10) int shift) {
        String digits = "0123456789X";
        char original = g.number().charAt(position);
        String pool = position == 17 ? digits : digits.substring(0, 10);
        int index = pool.indexOf(original);
        char replacement = pool.charAt((index + shift) % pool.length());
        if (replacement == original) {
            replacement = pool.charAt((index + 1) % pool.length());
        }
        String mutated = g.number().substring(0, position) + replacement + g.number().substring(position + 1);
        assertThatThrownBy(() -> ResidentIdentityNumber.parse(mutated, TODAY)).isInstanceOf(InvalidIdentifierException.class);
    }

    @Property(tries = 1000)
    void birthDatesAfterTodayAreAlwaysRejected(@ForAll @IntRange(min = 1, max = 40_000) int daysAhead) {
        LocalDate birth = TODAY.plusDays(daysAhead);
        if (birth.getYear() > 9999) {
            return;
        }
        String first17 = "330106" + birth.toString().replace("-", "") + "123";
        assertThatThrownBy(() -> ResidentIdentityNumber.parse(ResidentIdentityNumberTest.withCheck(first17), TODAY))
                .isInstanceOfSatisfying(InvalidIdentifierException.class,
                        e -> assertThat(e.fault()).isEqualTo(InvalidIdentifierException.Fault.BIRTH_DATE));
    }

    @Provide
    Arbitrary<Generated> validNumbers() {
        Arbitrary<String> region = Combinators.combine(Arbitraries.integers().between(1, 8),
                Arbitraries.strings().numeric().ofLength(5)).as((first, rest) -> first + rest);
        Arbitrary<LocalDate> birth = Arbitraries.longs().between(LocalDate.of(1900, 1, 1).toEpochDay(), TODAY.toEpochDay())
                .map(LocalDate::ofEpochDay);
        Arbitrary<Integer> sequence = Arbitraries.integers().between(0, 999);
        return Combinators.combine(region, birth, sequence).as((r, b, s) -> {
            String first17 = r + b.toString().replace("-", "") + String.format("%03d", s);
            return new Generated(ResidentIdentityNumberTest.withCheck(first17), b, s % 2 == 1);
        });
    }
}
