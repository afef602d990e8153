package org.opencredit.contracts.identifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Codes issued in early pilots that are genuine but fail the check character. Kept as data
 * (one code per line, '#' comments) so the credit office can extend it without a release.
 */
public final class LegacyUsccExceptions {

    /** The list shipped in {@code identifiers/legacy-uscc-exceptions.txt}. */
    public static final String DEFAULT_RESOURCE = "identifiers/legacy-uscc-exceptions.txt";

    private static final LegacyUsccExceptions NONE = new LegacyUsccExceptions(Set.of());

    private final Set<String> codes;

    private LegacyUsccExceptions(Set<String> codes) {
        this.codes = Set.copyOf(codes);
    }

    public static LegacyUsccExceptions none() {
        return NONE;
    }

    public static LegacyUsccExceptions defaults() {
        return Holder.DEFAULTS;
    }

    public static LegacyUsccExceptions read(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return new LegacyUsccExceptions(reader.lines()
                    .map(line -> line.replaceFirst("#.*", "").trim().toUpperCase(Locale.ROOT))
                    .filter(line -> !line.isEmpty())
                    .collect(Collectors.toSet()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read legacy USCC exception list", e);
        }
    }

    public boolean contains(String normalisedCode) {
        return codes.contains(normalisedCode);
    }

    public int size() {
        return codes.size();
    }

    private static final class Holder {
        static final LegacyUsccExceptions DEFAULTS = load();

        private static LegacyUsccExceptions load() {
            InputStream in = LegacyUsccExceptions.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE);
            return in == null ? NONE : read(in);
        }
    }
}
