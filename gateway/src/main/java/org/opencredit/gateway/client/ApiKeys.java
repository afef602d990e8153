package org.opencredit.gateway.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * API key format, generation and hashing.
 *
 * <p>A key reads {@code ock_<prefix>_<secret>}: the prefix (10 lowercase base-32 characters) is
 * public — it names the key in listings, logs and support calls, and a leaked key can be found by
 * grepping for {@code ock_} — and the secret is 43 base-64url characters from {@link SecureRandom}
 * (256 bits). Only HMAC-SHA256(pepper, key) is stored; the pepper comes from the environment, so a
 * copy of the database alone does not allow checking guesses.
 */
public final class ApiKeys {

    public static final String MARK = "ock_";
    private static final Pattern FORMAT = Pattern.compile("ock_([a-z2-7]{10})_([A-Za-z0-9_-]{43})");
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] pepper;
    private final ThreadLocal<Mac> macs;

    public ApiKeys(String pepper) {
        if (pepper == null || pepper.length() < 32) {
            throw new IllegalStateException("the API key pepper (OPENCREDIT_KEY_PEPPER, property opencredit.gateway.keys.pepper) "
                    + "must be set to a random secret of at least 32 characters; it is never stored in the repository");
        }
        this.pepper = pepper.getBytes(StandardCharsets.UTF_8);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** A new random key (not yet stored). */
    public static String generate() {
        StringBuilder prefix = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            prefix.append(BASE32[RANDOM.nextInt(32)]);
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return MARK + prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The public prefix of a well-formed key, or {@code null} when the text is not a key. */
    public static String prefixOf(String key) {
        if (key == null || key.length() != 58) {
            return null;
        }
        Matcher m = FORMAT.matcher(key);
        return m.matches() ? m.group(1) : null;
    }

    public String hash(String key) {
        return Base64.getEncoder().encodeToString(macs.get().doFinal(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** Constant-time comparison of a presented key with a stored hash. */
    public boolean matches(String key, String storedHash) {
        byte[] expected = Base64.getDecoder().decode(storedHash);
        byte[] actual = macs.get().doFinal(key.getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(expected, actual);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pepper, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
