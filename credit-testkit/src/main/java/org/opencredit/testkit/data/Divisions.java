package org.opencredit.testkit.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The divisions of the generated province, read from {@value #RESOURCE}. */
public final class Divisions {

    public static final String RESOURCE = "data/divisions-33.tsv";

    private static final List<Division> ZHEJIANG = load();
    private static final Map<String, Division> BY_CODE = ZHEJIANG.stream()
            .collect(Collectors.toUnmodifiableMap(Division::code, Function.identity()));

    private Divisions() {
    }

    /** All rows: the province, its prefecture-level cities and county-level divisions. */
    public static List<Division> zhejiang() {
        return ZHEJIANG;
    }

    public static Optional<Division> byCode(String code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    private static List<Division> load() {
        List<Division> rows = new ArrayList<>();
        for (String[] f : Resources.tsv(RESOURCE, 5)) {
            rows.add(new Division(f[0], f[1], f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                    f.length > 5 && !f[5].isBlank() ? f[5] : null));
        }
        return List.copyOf(rows);
    }
}
