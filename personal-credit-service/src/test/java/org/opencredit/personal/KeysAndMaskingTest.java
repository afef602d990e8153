package org.opencredit.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.personal.person.IdentityProtection;
import org.opencredit.personal.person.KeyProperties;
import org.opencredit.personal.person.Masking;
import org.opencredit.personal.person.MissingKeyException;
import org.opencredit.testkit.CreditInfrastructure;
import org.springframework.boot.builder.SpringApplicationBuilder;

@ExtendWith(CreditInfrastructure.class)
class KeysAndMaskingTest {

    static final String ENC = CreditInfrastructure.TEST_PERSONAL_ENCRYPTION_KEY;
    static final String HASH = CreditInfrastructure.TEST_PERSONAL_HASH_KEY;
    static final String PEPPER = PersonPseudonymTest.TEST_PEPPER;

    @Test
    void aMissingOrMalformedKeyIsRefusedNamingItsVariable() {
        assertThatThrownBy(() -> IdentityProtection.from(new KeyProperties(null, HASH, PEPPER, false)))
                .isInstanceOf(MissingKeyException.class).hasMessageContaining("OPENCREDIT_PERSONAL_ENCRYPTION_KEY");
        assertThatThrownBy(() -> IdentityProtection.from(new KeyProperties(ENC, " ", PEPPER, false)))
                .hasMessageContaining("OPENCREDIT_PERSONAL_HASH_KEY");
        assertThatThrownBy(() -> IdentityProtection.from(new KeyProperties("AAEC", HASH, PEPPER, false)))
                .hasMessageContaining("OPENCREDIT_PERSONAL_ENCRYPTION_KEY").hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> IdentityProtection.from(new KeyProperties("not base64!", HASH, PEPPER, false)))
                .hasMessageContaining("not valid base64");
    }

    @Test
    void theServiceDoesNotStartWithoutTheHashKeyAndSaysWhichVariableToSet() {
        // Boot re-initialises logging when the application starts, so the console is what can be read
        java.io.PrintStream console = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                console.write(b);
                captured.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                console.write(b, off, len);
                captured.write(b, off, len);
            }
        }, true));
        Throwable failure;
        try {
            failure = org.assertj.core.api.Assertions.catchThrowable(() -> new SpringApplicationBuilder(PersonalCreditApplication.class)
                .run("--server.port=0", "--eureka.client.enabled=false", "--opencredit.personal.keys.hash-key=").close());
        } finally {
            System.setOut(console);
        }
        Throwable root = failure;
        while (root.getCause() != null && !(root instanceof MissingKeyException)) {
            root = root.getCause();
        }
        assertThat(root).isInstanceOf(MissingKeyException.class).hasMessageContaining("OPENCREDIT_PERSONAL_HASH_KEY");
        // Boot's short "APPLICATION FAILED TO START" report, from the service's failure analyzer
        assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("APPLICATION FAILED TO START")
                .contains("Set the environment variable OPENCREDIT_PERSONAL_HASH_KEY").contains("openssl rand -base64 32");
    }

    @Test
    void generatedKeysWorkOnlyWhenAskedFor() {
        IdentityProtection p = IdentityProtection.from(new KeyProperties(null, null, PEPPER, true));
        assertThat(p.decrypt("identityNumber", p.encrypt("identityNumber", "11010519491231002X"))).isEqualTo("11010519491231002X");
    }

    @Test
    void ciphertextsAreFreshEachTimeBoundToTheirFieldAndTamperEvident() {
        IdentityProtection p = IdentityProtection.from(new KeyProperties(ENC, HASH, PEPPER, false));
        String a = p.encrypt("identityNumber", "11010519491231002X");
        String b = p.encrypt("identityNumber", "11010519491231002X");
        assertThat(a).isNotEqualTo(b).startsWith("v1.").doesNotContain("11010519491231002X");
        assertThat(p.decrypt("identityNumber", b)).isEqualTo("11010519491231002X");
        assertThatThrownBy(() -> p.decrypt("name", a)).hasMessageContaining("could not be decrypted");
        char[] c = a.toCharArray();
        c[10] = c[10] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> p.decrypt("identityNumber", new String(c))).isInstanceOf(IllegalStateException.class);
        // the hash is stable under one key and different under another
        IdentityProtection other = IdentityProtection.from(new KeyProperties(ENC, ENC, PEPPER, false));
        assertThat(p.hash("11010519491231002X")).isEqualTo(p.hash("11010519491231002X")).isNotEqualTo(other.hash("11010519491231002X"));
    }

    @Test
    void numbersAndNamesAreMaskedAsTheDomainSays() {
        assertThat(Masking.identityNumber("33010619800101123X")).isEqualTo("330106********123X");
        assertThat(Masking.name("张三")).isEqualTo("张*");
        assertThat(Masking.name("欧阳娜娜")).isEqualTo("欧***");
        assertThat(Masking.name("A")).isEqualTo("A*");
    }
}
