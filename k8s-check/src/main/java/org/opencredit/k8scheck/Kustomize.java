package org.opencredit.k8scheck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of kustomize that k8s/ uses, so that the overlays render offline on any machine with a JDK:
 * {@code resources} (files and directories), {@code configMapGenerator} (files, literals, options; only
 * with {@code disableNameSuffixHash}), {@code patches} (strategic merge, by the patch's own kind and
 * name or by a {@code target} of kind/name/labelSelector), {@code replicas}, {@code images} and
 * {@code namespace}. Anything else in a kustomization fails the rendering rather than being ignored,
 * and a test compares the result with {@code kubectl kustomize} wherever kubectl is installed.
 */
public final class Kustomize {
    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "namespace", "images", "replicas",
            "patches", "configMapGenerator", "generatorOptions");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass");
    private static final Set<String> POD_TEMPLATE_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job");

    private Kustomize() {
    }

    public static List<Map<String, Object>> render(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no kustomization.yaml in " + dir);
        }
        Map<String, Object> k = Yamls.documents(file).get(0);
        for (String key : k.keySet()) {
            if (!SUPPORTED.contains(key)) {
                throw new IllegalArgumentException(file + ": field '" + key + "' is not supported by this renderer");
            }
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object entry : Obj.list(k, "resources")) {
            Path resource = dir.resolve(String.valueOf(entry)).normalize();
            if (Files.isDirectory(resource)) {
                objects.addAll(render(resource));
            } else if (Files.isRegularFile(resource)) {
                if (!resource.startsWith(dir)) {
                    throw new IllegalArgumentException(file + ": file " + entry + " is outside the kustomization root "
                            + "(kustomize's load restrictor refuses it; reference a directory with its own kustomization)");
                }
                objects.addAll(Yamls.documents(resource));
            } else {
                throw new IllegalArgumentException(file + ": resource " + entry + " does not exist");
            }
        }
        objects.addAll(generateConfigMaps(dir, k));
        for (Map<String, Object> patch : Obj.maps(k, "patches")) {
            applyPatch(dir, file, objects, patch);
        }
        String namespace = Obj.str(k, "namespace");
        if (namespace != null) {
            for (Map<String, Object> object : objects) {
                if (!CLUSTER_SCOPED.contains(Obj.kind(object))) {
                    metadata(object).put("namespace", namespace);
                }
            }
        }
        for (Map<String, Object> replicas : Obj.maps(k, "replicas")) {
            boolean found = false;
            for (Map<String, Object> object : objects) {
                if (POD_TEMPLATE_KINDS.contains(Obj.kind(object)) && Obj.name(object).equals(Obj.str(replicas, "name"))) {
                    Obj.map(object, "spec").put("replicas", replicas.get("count"));
                    found = true;
                }
            }
            if (!found) {
                throw new IllegalArgumentException(file + ": replicas for " + replicas.get("name") + ": no such workload");
            }
        }
        for (Map<String, Object> image : Obj.maps(k, "images")) {
            for (Map<String, Object> object : objects) {
                for (Map<String, Object> container : containers(object)) {
                    setImage(container, image);
                }
            }
        }
        return objects;
    }

    static List<Map<String, Object>> containers(Map<String, Object> object) {
        Map<String, Object> podSpec = podSpec(object);
        List<Map<String, Object>> out = new ArrayList<>(Obj.maps(podSpec, "initContainers"));
        out.addAll(Obj.maps(podSpec, "containers"));
        return out;
    }

    static Map<String, Object> podSpec(Map<String, Object> object) {
        if ("Pod".equals(Obj.kind(object))) {
            return Obj.map(object, "spec");
        }
        if (POD_TEMPLATE_KINDS.contains(Obj.kind(object))) {
            return Obj.map(object, "spec", "template", "spec");
        }
        if ("CronJob".equals(Obj.kind(object))) {
            return Obj.map(object, "spec", "jobTemplate", "spec", "template", "spec");
        }
        return Map.of();
    }

    private static void setImage(Map<String, Object> container, Map<String, Object> image) {
        String current = Obj.str(container, "image");
        if (current == null) {
            return;
        }
        String name = current;
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
        }
        int colon = name.lastIndexOf(':');
        String tag = null;
        if (colon > name.lastIndexOf('/')) {
            tag = name.substring(colon + 1);
            name = name.substring(0, colon);
        }
        if (!name.equals(Obj.str(image, "name"))) {
            return;
        }
        String newName = image.containsKey("newName") ? Obj.str(image, "newName") : name;
        if (image.containsKey("digest")) {
            container.put("image", newName + "@" + Obj.str(image, "digest"));
        } else if (image.containsKey("newTag")) {
            container.put("image", newName + ":" + Obj.str(image, "newTag"));
        } else {
            container.put("image", newName + (tag == null ? "" : ":" + tag) + (at >= 0 ? current.substring(current.indexOf('@')) : ""));
        }
    }

    private static List<Map<String, Object>> generateConfigMaps(Path dir, Map<String, Object> k) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<Map<String, Object>> generators = Obj.maps(k, "configMapGenerator");
        if (generators.isEmpty()) {
            return out;
        }
        if (!Boolean.TRUE.equals(Obj.at(k, "generatorOptions", "disableNameSuffixHash"))) {
            throw new IllegalArgumentException(dir + ": configMapGenerator without generatorOptions.disableNameSuffixHash: true "
                    + "(name hashes are not implemented by this renderer)");
        }
        for (Map<String, Object> generator : generators) {
            Map<String, Object> data = new LinkedHashMap<>();
            for (Object literal : Obj.list(generator, "literals")) {
                String text = String.valueOf(literal);
                int eq = text.indexOf('=');
                data.put(text.substring(0, eq), text.substring(eq + 1));
            }
            for (Object entry : Obj.list(generator, "files")) {
                String text = String.valueOf(entry);
                int eq = text.indexOf('=');
                String key = eq >= 0 ? text.substring(0, eq) : Path.of(text).getFileName().toString();
                Path path = dir.resolve(eq >= 0 ? text.substring(eq + 1) : text).normalize();
                if (!path.startsWith(dir)) {
                    throw new IllegalArgumentException(dir + ": generator file " + text + " is outside the kustomization root");
                }
                data.put(key, Yamls.read(path));
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("name", Obj.str(generator, "name"));
            Map<String, Object> options = Obj.map(generator, "options");
            Map<String, Object> shared = Obj.map(k, "generatorOptions");
            for (String field : List.of("labels", "annotations")) {
                Map<String, Object> merged = new LinkedHashMap<>(Obj.map(shared, field));
                merged.putAll(Obj.map(options, field));
                if (!merged.isEmpty()) {
                    metadata.put(field, merged);
                }
            }
            Map<String, Object> configMap = new LinkedHashMap<>();
            configMap.put("apiVersion", "v1");
            configMap.put("kind", "ConfigMap");
            configMap.put("metadata", metadata);
            configMap.put("data", data);
            out.add(configMap);
        }
        return out;
    }

    private static void applyPatch(Path dir, Path file, List<Map<String, Object>> objects, Map<String, Object> entry) {
        String text = entry.containsKey("path") ? Yamls.read(dir.resolve(Obj.str(entry, "path"))) : Obj.str(entry, "patch");
        if (text == null) {
            throw new IllegalArgumentException(file + ": a patch needs path or patch");
        }
        if (text.strip().startsWith("-") || text.lines().anyMatch(l -> l.startsWith("- op:"))) {
            throw new IllegalArgumentException(file + ": JSON 6902 patches are not supported by this renderer");
        }
        Map<String, Object> target = Obj.map(entry, "target");
        for (Map<String, Object> patch : Yamls.documents(text, file.toString())) {
            int applied = 0;
            for (Map<String, Object> object : objects) {
                boolean matches = target.isEmpty()
                        ? Obj.kind(object).equals(Obj.kind(patch)) && Obj.name(object).equals(Obj.name(patch))
                        : matchesTarget(object, target);
                if (matches) {
                    Map<String, Object> body = Yamls.copy(patch);
                    if (!target.isEmpty()) {
                        // with a target, the patch's own name does not matter (kustomize ignores it)
                        Obj.map(body, "metadata").remove("name");
                    }
                    StrategicMerge.merge(object, body, StrategicMerge.isBuiltIn(object));
                    applied++;
                }
            }
            if (applied == 0) {
                throw new IllegalArgumentException(file + ": patch " + Obj.id(patch) + " matches no resource");
            }
        }
    }

    private static boolean matchesTarget(Map<String, Object> object, Map<String, Object> target) {
        if (target.containsKey("kind") && !Obj.str(target, "kind").equals(Obj.kind(object))) {
            return false;
        }
        if (target.containsKey("name") && !Obj.str(target, "name").equals(Obj.name(object))) {
            return false;
        }
        String selector = Obj.str(target, "labelSelector");
        if (selector != null) {
            Map<String, Object> labels = Obj.map(object, "metadata", "labels");
            for (String term : selector.split(",")) {
                String[] kv = term.trim().split("=", 2);
                if (kv.length != 2 || !kv[1].equals(String.valueOf(labels.get(kv[0])))) {
                    return false;
                }
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> object) {
        return (Map<String, Object>) object.computeIfAbsent("metadata", x -> new LinkedHashMap<String, Object>());
    }
}
