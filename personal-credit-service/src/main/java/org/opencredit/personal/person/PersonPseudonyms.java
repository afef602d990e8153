package org.opencredit.personal.person;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform-wide pseudonym of a natural person, {@code person:<16 hex>}: the first 8 bytes of
 * HMAC-SHA256(key = {@code OPENCREDIT_PERSON_PEPPER} as UTF-8, data = {@code "person:" + normalised number}).
 * It is exactly the key blacklist-service gives a person's list entries ({@code PersonKeys} there), so
 * consumers of person-record events can join them with list entries without any identity number. It is
 * computed once, when a person is registered, and kept on the person (events never decrypt the number).
 */
public final class PersonPseudonyms {

    public static final String PEPPER_VARIABLE = "OPENCREDIT_PERSON_PEPPER";
    static final String PEPPER_PROPERTY = "opencredit.personal.keys.person-pepper";
    /** The same minimum blacklist-service enforces on the same secret. */
    static final int MIN_PEPPER_CHARS = 32;
    private static final Logger log = LoggerFactory.getLogger(PersonPseudonyms.class);

    private final SecretKeySpec key;

    PersonPseudonyms(String pepper) {
        this.key = new SecretKeySpec(pepper.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The pepper from the properties; missing or short fails with a message naming the variable. */
    public static PersonPseudonyms from(KeyProperties keys) {
        String pepper = keys.personPepper();
        if (pepper == null || pepper.isBlank()) {
            if (!keys.generateIfMissing()) {
                throw new MissingKeyException(PEPPER_VARIABLE, PEPPER_VARIABLE + " (property " + PEPPER_PROPERTY + ") is not set: "
                        + "personal-credit-service puts the platform-wide person pseudonym on record events and will not start "
                        + "without the pepper blacklist-service uses");
            }
            byte[] generated = new byte[32];
            new SecureRandom().nextBytes(generated);
            log.warn("!!! {} is not set: GENERATED A THROWAWAY PEPPER because opencredit.personal.keys.generate-if-missing=true. "
                    + "Person pseudonyms on events will not match blacklist-service's. Never use this outside a local run. !!!",
                    PEPPER_VARIABLE);
            return new PersonPseudonyms(Base64.getUrlEncoder().withoutPadding().encodeToString(generated));
        }
        if (pepper.length() < MIN_PEPPER_CHARS) {
            throw new MissingKeyException(PEPPER_VARIABLE, PEPPER_VARIABLE + " (property " + PEPPER_PROPERTY + ") must be at least "
                    + MIN_PEPPER_CHARS + " characters; it has " + pepper.length());
        }
        return new PersonPseudonyms(pepper);
    }

    /** {@code person:<16 hex>} of a normalised identity number (upper-case X), as blacklist-service computes it. */
    public String of(String normalisedNumber) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(("person:" + normalisedNumber).getBytes(StandardCharsets.UTF_8));
            return "person:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
