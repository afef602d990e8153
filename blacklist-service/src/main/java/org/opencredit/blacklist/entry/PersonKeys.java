package org.opencredit.blacklist.entry;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.opencredit.contracts.identifier.ResidentIdentityNumber;

/**
 * Keyed pseudonyms of natural persons: {@code person:<16 hex>} = HMAC-SHA256(pepper, number), truncated.
 * Entries, checks and logs hold only this, never the identity number.
 */
public final class PersonKeys {

    private final SecretKeySpec key;

    public PersonKeys(String pepper) {
        this.key = new SecretKeySpec(pepper.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String subjectOf(ResidentIdentityNumber number) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(("person:" + number.reveal()).getBytes(StandardCharsets.UTF_8));
            return "person:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    public static boolean isPerson(String subject) {
        return subject.startsWith("person:");
    }
}
