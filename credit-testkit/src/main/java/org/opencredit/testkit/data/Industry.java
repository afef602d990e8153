package org.opencredit.testkit.data;

/**
 * A GB/T 4754-2017 class as the generator uses it for one entity kind.
 *
 * @param kind   E enterprise, I individual business, C farmers' co-operative, P public institution,
 *               S social organisation, N private non-enterprise unit
 * @param code   section letter and four-digit class, e.g. {@code C3670}
 * @param word   the word used in generated names
 */
public record Industry(char kind, String code, String name, double weight, String word) {

    /** The GB/T 4754 section (A–T). */
    public char section() {
        return code.charAt(0);
    }

    private static final java.util.List<Industry> ALL = load();

    /** The classes the generator uses, one row per entity kind that uses them (a code may appear for several kinds). */
    public static java.util.List<Industry> all() {
        return ALL;
    }

    static java.util.List<Industry> load() {
        return Resources.tsv("data/industries-gbt4754.tsv", 5).stream()
                .map(f -> new Industry(f[0].charAt(0), f[1], f[2], Double.parseDouble(f[3]), f[4]))
                .toList();
    }
}
