package org.opencredit.k8scheck;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The Secrets the repository documents but does not contain: the {@code create_secret NAME KEY[=VAR]...}
 * and {@code external_tls NAME} lines of k8s/create-secrets.sh.
 */
public final class SecretsDoc {
    private SecretsDoc() {
    }

    public static Map<String, Set<String>> parse(Path script) {
        Map<String, Set<String>> secrets = new LinkedHashMap<>();
        for (String line : Yamls.read(script).split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 3 && words[0].equals("create_secret")) {
                Set<String> keys = new LinkedHashSet<>();
                for (int i = 2; i < words.length; i++) {
                    keys.add(words[i].split("=", 2)[0]);
                }
                secrets.put(words[1], keys);
            } else if (words.length == 2 && words[0].equals("external_tls")) {
                secrets.put(words[1], Set.of("tls.crt", "tls.key"));
            }
        }
        return secrets;
    }
}
