package org.opencredit.personal.person;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protects personal identifiers at rest: a keyed hash (HMAC-SHA256) to find a person by identity
 * number without storing it, and AES-256-GCM encrypted copies for the callers entitled to see them.
 * Each ciphertext is bound to the field it belongs to (associated data), so a copied value does not
 * decrypt as another field.
 */
public final class IdentityProtection {

    public static final String ENCRYPTION_KEY_VARIABLE = "OPENCREDIT_PERSONAL_ENCRYPTION_KEY";
    public static final String HASH_KEY_VARIABLE = "OPENCREDIT_PERSONAL_HASH_KEY";
    private static final Logger log = LoggerFactory.getLogger(IdentityProtection.class);
    /** Ciphertext format version: {@code v1.<base64(iv || ciphertext+tag)>}; a key rotation adds v2. */
    private static final String PREFIX = "v1.";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec hashKey;
    private final SecureRandom random = new SecureRandom();

    IdentityProtection(byte[] encryptionKey, byte[] hashKey) {
        this.encryptionKey = new SecretKeySpec(encryptionKey, "AES");
        this.hashKey = new SecretKeySpec(hashKey, "HmacSHA256");
    }

    /** Keys from the properties; missing or malformed keys fail with a message naming the variable. */
    public static IdentityProtection from(KeyProperties keys) {
        boolean generate = keys.generateIfMissing();
        byte[] encryption = key(keys.encryptionKey(), ENCRYPTION_KEY_VARIABLE, "opencredit.personal.keys.encryption-key", 32, generate);
        byte[] hash = key(keys.hashKey(), HASH_KEY_VARIABLE, "opencredit.personal.keys.hash-key", 32, generate);
        return new IdentityProtection(encryption, hash);
    }

    private static byte[] key(String base64, String variable, String property, int bytes, boolean generate) {
        if (base64 == null || base64.isBlank()) {
            if (!generate) {
                throw new MissingKeyException(variable, variable + " (property " + property + ") is not set: personal-credit-service "
                        + "stores identity numbers only encrypted and hashed and will not start without this key");
            }
            byte[] generated = new byte[bytes];
            new SecureRandom().nextBytes(generated);
            log.warn("!!! {} is not set: GENERATED A THROWAWAY KEY because opencredit.personal.keys.generate-if-missing=true. "
                    + "Persons stored now cannot be decrypted or found after a restart. Never use this outside a local run. !!!", variable);
            return generated;
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new MissingKeyException(variable, variable + " (property " + property + ") is not valid base64");
        }
        if (key.length != bytes && !(variable.equals(HASH_KEY_VARIABLE) && key.length > bytes)) {
            throw new MissingKeyException(variable, variable + " (property " + property + ") must be base64 of "
                    + (variable.equals(HASH_KEY_VARIABLE) ? "at least " : "") + bytes + " bytes; it has " + key.length);
        }
        return key;
    }

    /** Keyed hash of a normalised identity number, hex: the lookup key. Without the key it cannot be recomputed. */
    public String hash(String normalised) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            return HexFormat.of().formatHex(mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    /** Encrypts {@code plain} for the field {@code field}; a fresh random IV each time. */
    public String encrypt(String field, String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(field.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** Decrypts what {@link #encrypt} produced for the same field; fails if it was tampered with or is another field's. */
    public String decrypt(String field, String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new IllegalStateException("stored " + field + " is not in the v1 encrypted format");
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            cipher.updateAAD(field.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored " + field + " could not be decrypted (wrong key or tampered)", e);
        }
    }
}
