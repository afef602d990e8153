package org.opencredit.blacklist.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

/**
 * List types, measures and decision scenarios: versioned reference data
 * ({@code lists/list-catalogue.json}), read once at start. Only measures in it are ever returned.
 *
 * @param version       the data's version, named in every answer that used it
 * @param edition       which national edition the selection follows
 * @param effectiveFrom when this version took effect
 */
public record ListCatalogue(String version, String edition, LocalDate effectiveFrom, String note, List<Scenario> scenarios,
                            List<ListType> listTypes, List<Measure> measures) {

    public static final String RESOURCE = "lists/list-catalogue.json";

    public ListCatalogue {
        scenarios = List.copyOf(scenarios);
        listTypes = List.copyOf(listTypes);
        measures = List.copyOf(measures);
        validate(scenarios, listTypes, measures);
    }

    /** Reads the shipped reference data; a broken file stops the service at start, never at a check. */
    public static ListCatalogue load(JsonMapper json) {
        try (InputStream in = ListCatalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return json.readValue(in, ListCatalogue.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<ListType> listType(String code) {
        return listTypes.stream().filter(t -> t.code().equals(code)).findFirst();
    }

    public Optional<Measure> measure(String code) {
        return measures.stream().filter(m -> m.code().equals(code)).findFirst();
    }

    public Optional<Scenario> scenario(String code) {
        return scenarios.stream().filter(s -> s.code().equals(code)).findFirst();
    }

    /** Every measure that follows from a list type, in catalogue order. */
    public List<Measure> measuresOf(String listType) {
        return measures.stream().filter(m -> m.listTypes().contains(listType)).toList();
    }

    public List<String> scenarioCodes() {
        return scenarios.stream().map(Scenario::code).toList();
    }

    public List<String> listTypeCodes() {
        return listTypes.stream().map(ListType::code).toList();
    }

    private static void validate(List<Scenario> scenarios, List<ListType> listTypes, List<Measure> measures) {
        Set<String> scenarioCodes = new java.util.HashSet<>();
        scenarios.forEach(s -> scenarioCodes.add(s.code()));
        Map<String, ListType> types = new LinkedHashMap<>();
        listTypes.forEach(t -> types.put(t.code(), t));
        List<String> faults = new ArrayList<>();
        for (Measure m : measures) {
            m.listTypes().stream().filter(t -> !types.containsKey(t))
                    .forEach(t -> faults.add("measure " + m.code() + " names unknown list type " + t));
            m.scenarios().stream().filter(s -> !scenarioCodes.contains(s))
                    .forEach(s -> faults.add("measure " + m.code() + " names unknown scenario " + s));
            if (m.legalBasis() == null || m.legalBasis().isBlank()) {
                faults.add("measure " + m.code() + " has no legal basis");
            }
        }
        for (ListType t : listTypes) {
            if (t.legalBasis() == null || t.legalBasis().isBlank()) {
                faults.add("list type " + t.code() + " has no legal basis (a list exists only with one)");
            }
            if (t.period() == null || t.period().months() <= 0) {
                faults.add("list type " + t.code() + " has no period");
            }
        }
        if (!faults.isEmpty()) {
            throw new IllegalStateException("list catalogue is inconsistent: " + String.join("; ", faults));
        }
    }
}
