package org.opencredit.contracts.identifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class UsccProperties {

    @Property(tries = 2000)
    void everyGeneratedValidCodeValidates(@ForAll("validCodes") String code) {
        Uscc parsed = Uscc.parse(code, LegacyUsccExceptions.none());
        assertThat(parsed.value()).isEqualTo(code);
        assertThat(parsed.regionCode()).isEqualTo(code.substring(2, 8));
    }

    @Property(tries = 2000)
    void lowerCaseAndPaddingNormaliseToTheSameCode(@ForAll("validCodes") String code) {
        assertThat(Uscc.parse(" " + code.toLowerCase() + "\n", LegacyUsccExceptions.none()).value()).isEqualTo(code);
    }

    @Property(tries = 5000)
    void everySingleCharacterChangeOfAValidCodeIsRejected(@ForAll("validCodes") String code,
                                                          @ForAll("positions") int position,
                                                          @ForAll("anyCodeCharacter") char replacement) {
        char original = code.charAt(position);
        if (replacement == original) {
            replacement = Uscc.ALPHABET.charAt((Uscc.ALPHABET.indexOf(original) + 1) % Uscc.ALPHABET.length());
        }
        String mutated = code.substring(0, position) + replacement + code.substring(position + 1);
        assertThatThrownBy(() -> Uscc.parse(mutated, LegacyUsccExceptions.none()))
                .isInstanceOf(InvalidIdentifierException.class);
    }

    @Provide
    Arbitrary<String> validCodes() {
        Arbitrary<String> authorityAndKind = Arbitraries.of(RegistrationAuthority.values()).flatMap(a ->
                Arbitraries.of("123456789ABCDEFGHJKLMNPQRTUWXY".chars().mapToObj(c -> (char) c)
                                .filter(c -> a.entityKind(c).isPresent()).toList())
                        .map(kind -> "" + a.code() + kind));
        Arbitrary<String> division = Arbitraries.strings().numeric().ofLength(6);
        Arbitrary<String> organisation = Arbitraries.strings().withChars(Uscc.ALPHABET.toCharArray()).ofLength(9);
        return Combinators.combine(authorityAndKind, division, organisation)
                .as((ak, d, o) -> ak + d + o)
                .map(UsccTest::withCheck);
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, 17);
    }

    @Provide
    Arbitrary<Character> anyCodeCharacter() {
        // mostly legal characters (the hard case for the check), some illegal ones
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(9, Arbitraries.of(Uscc.ALPHABET.chars().mapToObj(c -> (char) c).toList())),
                net.jqwik.api.Tuple.of(1, Arbitraries.of('I', 'O', 'S', 'V', 'Z', '-', ' ')));
    }
}
