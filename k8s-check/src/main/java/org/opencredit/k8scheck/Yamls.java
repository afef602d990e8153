package org.opencredit.k8scheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** YAML in and out; objects are plain maps, lists and scalars (as kustomize sees them). */
public final class Yamls {
    private Yamls() {
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options));
    }

    /** Every non-empty document of a multi-document YAML text, as maps. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> documents(String text, String source) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object doc : yaml().loadAll(text)) {
            if (doc == null) {
                continue;
            }
            if (!(doc instanceof Map)) {
                throw new IllegalArgumentException(source + ": a document is not a mapping: " + doc);
            }
            out.add((Map<String, Object>) doc);
        }
        return out;
    }

    public static List<Map<String, Object>> documents(Path file) {
        return documents(read(file), file.toString());
    }

    public static Object load(String text) {
        return yaml().load(text);
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String dump(List<Map<String, Object>> objects) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setExplicitStart(true);
        return new Yaml(options).dumpAll(objects.iterator());
    }

    /** A deep copy (maps keep their order). */
    @SuppressWarnings("unchecked")
    public static <T> T copy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put((String) k, copy(v)));
            return (T) out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(copy(v)));
            return (T) out;
        }
        return value;
    }
}
