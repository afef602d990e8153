package org.opencredit.k8scheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Strategic merge patch as kustomize applies it: maps merge recursively, a null value deletes the key,
 * lists of the built-in kinds that Kubernetes declares with a merge key merge element by element
 * (containers, env, volumes, ... by name; container ports by containerPort; volumeMounts by mountPath;
 * topologySpreadConstraints by topologyKey); every other list, and every list of a custom resource,
 * is replaced.
 */
final class StrategicMerge {
    private StrategicMerge() {
    }

    static boolean isBuiltIn(Map<String, Object> object) {
        String apiVersion = Obj.str(object, "apiVersion");
        return apiVersion != null && (!apiVersion.contains("/") || apiVersion.split("/")[0].endsWith(".k8s.io")
                || List.of("apps", "batch", "autoscaling", "policy").contains(apiVersion.split("/")[0]));
    }

    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> target, Map<String, Object> patch, boolean builtIn) {
        for (Map.Entry<String, Object> entry : patch.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            Object existing = target.get(key);
            if (value == null) {
                target.remove(key);
            } else if (value instanceof Map && existing instanceof Map) {
                merge((Map<String, Object>) existing, (Map<String, Object>) value, builtIn);
            } else if (value instanceof List && existing instanceof List && builtIn && mergeKey(key, (List<Object>) value) != null) {
                target.put(key, mergeLists((List<Object>) existing, (List<Object>) value, mergeKey(key, (List<Object>) value)));
            } else {
                target.put(key, Yamls.copy(value));
            }
        }
    }

    static String mergeKey(String field, List<Object> patchList) {
        return switch (field) {
            case "containers", "initContainers", "ephemeralContainers", "env", "volumes", "imagePullSecrets" -> "name";
            case "volumeMounts" -> "mountPath";
            case "topologySpreadConstraints" -> "topologyKey";
            case "ports" -> patchList.stream().anyMatch(p -> p instanceof Map<?, ?> m && m.containsKey("containerPort"))
                    ? "containerPort" : "port";
            default -> null;
        };
    }

    @SuppressWarnings("unchecked")
    private static List<Object> mergeLists(List<Object> existing, List<Object> patch, String key) {
        List<Object> out = new ArrayList<>(existing);
        for (Object element : patch) {
            if (!(element instanceof Map)) {
                out.add(element);
                continue;
            }
            Map<String, Object> patchElement = (Map<String, Object>) element;
            Object id = patchElement.get(key);
            Map<String, Object> match = null;
            for (Object candidate : out) {
                if (candidate instanceof Map && Objects.equals(((Map<String, Object>) candidate).get(key), id)) {
                    match = (Map<String, Object>) candidate;
                }
            }
            if (match == null) {
                out.add(Yamls.copy(patchElement));
            } else {
                merge(match, patchElement, true);
            }
        }
        return out;
    }
}
