package org.opencredit.platform;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

/**
 * The throwaway secrets of a local run — key pepper, internal token signing key, bootstrap admin
 * key — generated on the first start and kept in {@code <OPENCREDIT_HOME>/secrets.properties}
 * (owner-only permissions, never in the repository) so that keys issued in one run still work in
 * the next. Environment variables of the same names win, as in every other deployment.
 */
final class LocalSecrets {

    static final String PEPPER = "OPENCREDIT_KEY_PEPPER";
    static final String SIGNING_JWKS = "OPENCREDIT_TOKEN_SIGNING_JWKS";
    static final String BOOTSTRAP_ADMIN_KEY = "OPENCREDIT_BOOTSTRAP_ADMIN_KEY";
    /** personal-credit-service: AES-GCM key for identity numbers and HMAC key for their lookup hash (base64, 32 bytes each). */
    static final String PERSONAL_ENCRYPTION_KEY = "OPENCREDIT_PERSONAL_ENCRYPTION_KEY";
    static final String PERSONAL_HASH_KEY = "OPENCREDIT_PERSONAL_HASH_KEY";
    /** blacklist-service and personal-credit-service: key of the platform-wide pseudonyms of natural persons (list entries, record events). */
    static final String PERSON_PEPPER = "OPENCREDIT_PERSON_PEPPER";
    static final String DEMO_PREFIX = "demo.";

    private final Path file;
    private final Properties values = new Properties();
    private boolean generated;

    private LocalSecrets(Path file) {
        this.file = file;
    }

    static LocalSecrets load(Path home, java.util.Map<String, String> env) {
        LocalSecrets secrets = new LocalSecrets(home.resolve("secrets.properties"));
        if (Files.exists(secrets.file)) {
            try (Reader in = Files.newBufferedReader(secrets.file, StandardCharsets.UTF_8)) {
                secrets.values.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String name : List.of(PEPPER, SIGNING_JWKS, BOOTSTRAP_ADMIN_KEY, PERSONAL_ENCRYPTION_KEY, PERSONAL_HASH_KEY, PERSON_PEPPER)) {
            String fromEnv = env.get(name);
            if (fromEnv != null && !fromEnv.isBlank()) {
                secrets.values.setProperty(name, fromEnv);
            }
        }
        SecureRandom random = new SecureRandom();
        if (!secrets.values.containsKey(PEPPER)) {
            secrets.values.setProperty(PEPPER, random(random));
            secrets.generated = true;
        }
        if (!secrets.values.containsKey(PERSON_PEPPER)) {
            secrets.values.setProperty(PERSON_PEPPER, random(random));
            secrets.generated = true;
        }
        if (!secrets.values.containsKey(BOOTSTRAP_ADMIN_KEY)) {
            secrets.values.setProperty(BOOTSTRAP_ADMIN_KEY, "ocb_" + random(random));
            secrets.generated = true;
        }
        for (String name : List.of(PERSONAL_ENCRYPTION_KEY, PERSONAL_HASH_KEY)) {
            if (!secrets.values.containsKey(name)) {
                byte[] key = new byte[32];
                random.nextBytes(key);
                secrets.values.setProperty(name, Base64.getEncoder().encodeToString(key));
                secrets.generated = true;
            }
        }
        if (!secrets.values.containsKey(SIGNING_JWKS)) {
            try {
                ECKey key = new ECKeyGenerator(Curve.P_256).keyID("local-" + System.currentTimeMillis()).generate();
                secrets.values.setProperty(SIGNING_JWKS, new JWKSet(key).toString(false));
            } catch (JOSEException e) {
                throw new IllegalStateException("could not generate the local token signing key", e);
            }
            secrets.generated = true;
        }
        if (secrets.generated) {
            secrets.save();
        }
        return secrets;
    }

    /** New secrets as {@code .env} lines (for docker compose), never written anywhere else. */
    static void printFresh(java.io.PrintStream out) throws IOException {
        Path scratch = Files.createTempDirectory("opencredit-secrets-");
        try {
            LocalSecrets fresh = load(scratch, java.util.Map.of());
            out.println("# OpenCredit secrets generated " + java.time.Instant.now() + "; keep this file out of version control");
            out.println(PEPPER + "=" + fresh.get(PEPPER));
            out.println(BOOTSTRAP_ADMIN_KEY + "=" + fresh.get(BOOTSTRAP_ADMIN_KEY));
            out.println(SIGNING_JWKS + "='" + fresh.get(SIGNING_JWKS) + "'");
            out.println("OPENCREDIT_TOKEN_VERIFICATION_JWKS='" + fresh.verificationJwks() + "'");
            out.println(PERSONAL_ENCRYPTION_KEY + "=" + fresh.get(PERSONAL_ENCRYPTION_KEY));
            out.println(PERSONAL_HASH_KEY + "=" + fresh.get(PERSONAL_HASH_KEY));
            out.println(PERSON_PEPPER + "=" + fresh.get(PERSON_PEPPER));
        } finally {
            Files.deleteIfExists(scratch.resolve("secrets.properties"));
            Files.deleteIfExists(scratch);
        }
    }

    private static String random(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether this start generated the secrets (first start on this data folder). */
    boolean generated() {
        return generated;
    }

    String get(String name) {
        return values.getProperty(name);
    }

    /** The public half of the signing keys, for the services. */
    String verificationJwks() {
        try {
            return JWKSet.parse(get(SIGNING_JWKS)).toPublicJWKSet().toString();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(SIGNING_JWKS + " is not a JWK set: " + e.getMessage(), e);
        }
    }

    String demoKey(String client) {
        return values.getProperty(DEMO_PREFIX + client);
    }

    void putDemoKey(String client, String key) {
        values.setProperty(DEMO_PREFIX + client, key);
        save();
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // best effort on non-POSIX file systems
                }
            }
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                values.store(out, "OpenCredit local-run secrets: throwaway, generated on this machine; never commit or reuse elsewhere");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
