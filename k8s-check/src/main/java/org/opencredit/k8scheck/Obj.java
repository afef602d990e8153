package org.opencredit.k8scheck;

import java.util.List;
import java.util.Map;

/** Null-tolerant navigation in the maps and lists of a parsed manifest. */
final class Obj {
    private Obj() {
    }

    static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String... path) {
        Object value = at(node, path);
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String... path) {
        Object value = at(node, path);
        return value instanceof List ? (List<Object>) value : List.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object node, String... path) {
        return (List<Map<String, Object>>) (List<?>) list(node, path).stream().filter(Map.class::isInstance).toList();
    }

    static String str(Object node, String... path) {
        Object value = at(node, path);
        return value == null ? null : String.valueOf(value);
    }

    static String kind(Map<String, Object> object) {
        return str(object, "kind");
    }

    static String name(Map<String, Object> object) {
        return str(object, "metadata", "name");
    }

    static String id(Map<String, Object> object) {
        return kind(object) + "/" + name(object);
    }
}
