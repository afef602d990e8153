package org.opencredit.contracts.identifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.opencredit.contracts.identifier.InvalidIdentifierException.Fault;

class UsccTest {

    @Test
    void acceptsTheDomainExamples() {
        assertThat(Uscc.parse("91110000600037341L").value()).isEqualTo("91110000600037341L");
        assertThat(Uscc.parse("91350100M000100Y43").value()).isEqualTo("91350100M000100Y43");
    }

    @Test
    void normalisesWhitespaceAndCase() {
        assertThat(Uscc.parse("  91350100m000100y43 \t").value()).isEqualTo("91350100M000100Y43");
    }

    @Test
    void derivesAuthorityEntityKindRegionAndOrganisationCode() {
        Uscc code = Uscc.parse("91350100M000100Y43");
        assertThat(code.authority()).contains(RegistrationAuthority.MARKET_REGULATION);
        assertThat(code.entityKind()).isEqualTo("enterprise");
        assertThat(code.regionCode()).isEqualTo("350100");
        assertThat(code.organisationCode()).isEqualTo("M000100Y4");
    }

    @Test
    void rejectsCodeWithWrongCheckCharacterAndNamesTheExpectedOne() {
        // the example printed in GB 32100 itself fails its check
        assertThatThrownBy(() -> Uscc.parse("91350100M000100Y4Z"))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> assertThat(e.fault()).isEqualTo(Fault.CHECK_CHARACTER))
                .hasMessageContaining("is 'Z'")
                .hasMessageContaining("require '3'");
    }

    @Test
    void rejectsForbiddenLettersNamingThePosition() {
        assertThatThrownBy(() -> Uscc.parse("9135010OM000100Y43"))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> assertThat(e.fault()).isEqualTo(Fault.CHARACTER))
                .hasMessageContaining("character 8 is 'O'")
                .hasMessageContaining("never I, O, S, V, Z");
    }

    @Test
    void rejectsWrongLength() {
        assertThatThrownBy(() -> Uscc.parse("91350100M000100Y4"))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> assertThat(e.fault()).isEqualTo(Fault.LENGTH))
                .hasMessageContaining("18 characters, this one has 17");
    }

    @Test
    void rejectsMissingCode() {
        assertThatThrownBy(() -> Uscc.parse("   "))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> assertThat(e.fault()).isEqualTo(Fault.MISSING));
        assertThatThrownBy(() -> Uscc.parse(null)).isInstanceOf(InvalidIdentifierException.class);
    }

    @Test
    void rejectsUnknownAuthorityAndEntityKind() {
        String unknownAuthority = withCheck("B1350100M000100Y4");
        assertThatThrownBy(() -> Uscc.parse(unknownAuthority))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> assertThat(e.fault()).isEqualTo(Fault.STRUCTURE))
                .hasMessageContaining("character 1 is 'B'");
        String unknownKind = withCheck("97350100M000100Y4");
        assertThatThrownBy(() -> Uscc.parse(unknownKind))
                .hasMessageContaining("character 2 is '7'")
                .hasMessageContaining("allowed: 1, 2, 3");
    }

    @Test
    void rejectsNonDigitDivisionCode() {
        String code = withCheck("913501A0M000100Y4");
        assertThatThrownBy(() -> Uscc.parse(code))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> assertThat(e.fault()).isEqualTo(Fault.STRUCTURE))
                .hasMessageContaining("character 7 is 'A'");
    }

    @Test
    void acceptsALegacyCodeOnlyWhenItIsOnTheExceptionList() {
        LegacyUsccExceptions list = LegacyUsccExceptions.read(new ByteArrayInputStream(
                "# pilot codes\n91350100m000100y4z  # confirmed by the issuing bureau\n\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(list.size()).isEqualTo(1);
        assertThat(Uscc.parse("91350100M000100Y4Z", list).value()).isEqualTo("91350100M000100Y4Z");
        assertThatThrownBy(() -> Uscc.parse("91350100M000100Y4Z", LegacyUsccExceptions.none()))
                .isInstanceOf(InvalidIdentifierException.class);
    }

    @Test
    void theShippedExceptionListIsReadFromDataAndHoldsNoCodeYet() throws Exception {
        // the province has not supplied its list: the data file exists, parses, and lets nothing invalid through
        try (var in = LegacyUsccExceptions.class.getClassLoader().getResourceAsStream(LegacyUsccExceptions.DEFAULT_RESOURCE)) {
            assertThat(in).isNotNull();
            assertThat(LegacyUsccExceptions.read(in).size()).isZero();
        }
        assertThat(LegacyUsccExceptions.defaults().size()).isZero();
        assertThatThrownBy(() -> Uscc.parse("91350100M000100Y4Z")).isInstanceOf(InvalidIdentifierException.class);
    }

    @Test
    void computesCheckCharacterZeroWhenRemainderIsZero() {
        // search for a body whose weighted sum is a multiple of 31: its check must be '0', not the 32nd character
        for (int n = 0; n < 10_000; n++) {
            String body = "913501" + String.format("%011d", n);
            if (Uscc.checkCharacter(body) == '0') {
                assertThat(Uscc.parse(body + "0").value()).endsWith("0");
                return;
            }
        }
        throw new AssertionError("no body with check character 0 found");
    }

    static String withCheck(String first17) {
        return first17 + Uscc.checkCharacter(first17);
    }
}
