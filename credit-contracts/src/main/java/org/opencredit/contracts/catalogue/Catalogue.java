package org.opencredit.contracts.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The versioned catalogue of record categories, read from data ({@code catalogue/catalogue.json}),
 * never from code: the credit office changes it without a release of the rules.
 */
public record Catalogue(String version, String edition, LocalDate effectiveFrom, String note, List<Department> departments,
                        List<Category> categories) {

    public static final String RESOURCE = "catalogue/catalogue.json";

    public Catalogue {
        departments = List.copyOf(departments);
        categories = List.copyOf(categories);
        Map<String, Category> seen = new LinkedHashMap<>();
        for (Category c : categories) {
            if (seen.put(c.code(), c) != null) {
                throw new IllegalArgumentException("catalogue " + version + " lists category " + c.code() + " twice");
            }
            for (String d : c.departments()) {
                if (departments.stream().noneMatch(dep -> dep.code().equals(d))) {
                    throw new IllegalArgumentException("category " + c.code() + " names unknown department " + d);
                }
            }
        }
    }

    public Optional<Category> category(String code) {
        return categories.stream().filter(c -> c.code().equals(code)).findFirst();
    }

    public Optional<Department> department(String code) {
        return departments.stream().filter(d -> d.code().equals(code)).findFirst();
    }

    /** The catalogue shipped with the platform. */
    public static Catalogue standard() {
        try (InputStream in = Catalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Catalogue read(InputStream in) {
        return JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                .readValue(in, Catalogue.class);
    }
}
