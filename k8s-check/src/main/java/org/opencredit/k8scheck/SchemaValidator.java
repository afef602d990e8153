package org.opencredit.k8scheck;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Validates each object against the API model of its kind and version: the fabric8 Kubernetes model
 * (generated from the Kubernetes OpenAPI schema) and Strimzi's own API model (from which its CRDs are
 * generated). Types are checked strictly (no string-to-number coercion), Strimzi enums are checked by
 * the model, a few Kubernetes enums and required fields by hand, and every field the model does not
 * know is an error (the models keep unknown fields in {@code additionalProperties}; any non-empty one is
 * reported with its path) — what {@code kubectl apply --validate=strict} would refuse.
 */
public final class SchemaValidator {
    /** apiVersion + kind -> model class. An object of any other kind is an error: nothing goes unvalidated. */
    static final Map<String, String> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", "io.fabric8.kubernetes.api.model.Namespace"),
            Map.entry("v1/ConfigMap", "io.fabric8.kubernetes.api.model.ConfigMap"),
            Map.entry("v1/Secret", "io.fabric8.kubernetes.api.model.Secret"),
            Map.entry("v1/Service", "io.fabric8.kubernetes.api.model.Service"),
            Map.entry("v1/ServiceAccount", "io.fabric8.kubernetes.api.model.ServiceAccount"),
            Map.entry("v1/PersistentVolumeClaim", "io.fabric8.kubernetes.api.model.PersistentVolumeClaim"),
            Map.entry("apps/v1/Deployment", "io.fabric8.kubernetes.api.model.apps.Deployment"),
            Map.entry("apps/v1/StatefulSet", "io.fabric8.kubernetes.api.model.apps.StatefulSet"),
            Map.entry("batch/v1/Job", "io.fabric8.kubernetes.api.model.batch.v1.Job"),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", "io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler"),
            Map.entry("policy/v1/PodDisruptionBudget", "io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget"),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", "io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy"),
            Map.entry("networking.k8s.io/v1/Ingress", "io.fabric8.kubernetes.api.model.networking.v1.Ingress"),
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", "io.strimzi.api.kafka.model.kafka.Kafka"),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", "io.strimzi.api.kafka.model.nodepool.KafkaNodePool"),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", "io.strimzi.api.kafka.model.topic.KafkaTopic"));

    private static final Map<String, Set<String>> ENUMS = Map.of(
            "imagePullPolicy", Set.of("Always", "IfNotPresent", "Never"),
            "protocol", Set.of("TCP", "UDP", "SCTP"),
            "pathType", Set.of("Exact", "Prefix", "ImplementationSpecific"),
            "whenUnsatisfiable", Set.of("DoNotSchedule", "ScheduleAnyway"),
            "restartPolicy", Set.of("Always", "OnFailure", "Never"),
            "podManagementPolicy", Set.of("OrderedReady", "Parallel"));

    private static final java.util.regex.Pattern DNS_SUBDOMAIN =
            java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final java.util.regex.Pattern LABEL_VALUE =
            java.util.regex.Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?");
    private static final java.util.regex.Pattern QUANTITY =
            java.util.regex.Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?\\d+)?");

    private final ObjectMapper mapper = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    /** Problems of one object, each naming the object and the path; empty when it is valid. */
    public List<String> validate(Map<String, Object> object) {
        List<String> problems = new ArrayList<>();
        String id = Obj.id(object);
        String key = Obj.str(object, "apiVersion") + "/" + Obj.kind(object);
        String model = MODELS.get(key);
        if (model == null) {
            problems.add(id + ": no schema for " + key + " (unknown kind or version)");
            return problems;
        }
        if (Obj.name(object) == null || !DNS_SUBDOMAIN.matcher(Obj.name(object)).matches()) {
            problems.add(id + ": metadata.name must be a DNS-1123 subdomain (lower case, digits, '-', '.')");
        }
        for (Map.Entry<String, Object> label : Obj.map(object, "metadata", "labels").entrySet()) {
            if (!(label.getValue() instanceof String value) || !LABEL_VALUE.matcher(value).matches()) {
                problems.add(id + ": label " + label.getKey() + " must be a string of at most 63 characters [A-Za-z0-9-_.], is " + label.getValue());
            }
        }
        Object parsed;
        try {
            parsed = mapper.convertValue(object, Class.forName(model));
        } catch (IllegalArgumentException e) {
            problems.add(id + ": does not match the " + key + " schema: " + e.getMessage().lines().findFirst().orElse(""));
            return problems;
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        unknownFields(parsed, "", problems, id, new IdentityHashMap<>());
        enumsAndRequired(object, "", problems, id);
        return problems;
    }

    private void unknownFields(Object node, String path, List<String> problems, String id, IdentityHashMap<Object, Boolean> seen) {
        if (node == null || seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (node instanceof Collection<?> collection) {
            int i = 0;
            for (Object element : collection) {
                unknownFields(element, path + "[" + i++ + "]", problems, id, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                unknownFields(entry.getValue(), path + "." + entry.getKey(), problems, id, seen);
            }
            return;
        }
        String pkg = node.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8") && !pkg.startsWith("io.strimzi")) {
            return;
        }
        for (Class<?> type = node.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive() || field.getType().isEnum()
                        || field.getType() == String.class) {
                    continue;
                }
                Object value;
                try {
                    field.setAccessible(true);
                    value = field.get(node);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    continue;
                }
                if (field.getName().equals("additionalProperties") && value instanceof Map<?, ?> extra) {
                    for (Object name : extra.keySet()) {
                        problems.add(id + ": unknown field " + (path.isEmpty() ? "" : path.substring(1) + ".") + name);
                    }
                    continue;
                }
                unknownFields(value, path + "." + fieldName(field), problems, id, seen);
            }
        }
    }

    private static String fieldName(Field field) {
        com.fasterxml.jackson.annotation.JsonProperty property = field.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
        return property != null && !property.value().isEmpty() ? property.value() : field.getName();
    }

    private void enumsAndRequired(Object node, String path, List<String> problems, String id) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String field = String.valueOf(entry.getKey());
                Set<String> allowed = ENUMS.get(field);
                if (allowed != null && entry.getValue() instanceof String value && !allowed.contains(value)) {
                    problems.add(id + ": " + path + "." + field + " must be one of " + allowed + ", is " + value);
                }
                if ((field.equals("requests") || field.equals("limits")) && entry.getValue() instanceof Map<?, ?> quantities
                        && path.endsWith("resources")) {
                    quantities.forEach((resource, quantity) -> {
                        if (!QUANTITY.matcher(String.valueOf(quantity)).matches()) {
                            problems.add(id + ": " + path + "." + field + "." + resource + " is not a quantity: " + quantity);
                        }
                    });
                }
                if (field.equals("roles") && id.startsWith("KafkaNodePool/")) {
                    for (Object role : Obj.list(map, "roles")) {
                        if (!Set.of("broker", "controller").contains(String.valueOf(role))) {
                            problems.add(id + ": " + path + ".roles: unknown role " + role + " (broker, controller)");
                        }
                    }
                }
                if ((field.equals("containers") || field.equals("initContainers")) && entry.getValue() instanceof List<?> list) {
                    for (Object container : list) {
                        if (Obj.str(container, "name") == null || Obj.str(container, "image") == null) {
                            problems.add(id + ": " + path + "." + field + ": every container needs a name and an image");
                        }
                    }
                }
                enumsAndRequired(entry.getValue(), path + "." + field, problems, id);
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                enumsAndRequired(list.get(i), path + "[" + i + "]", problems, id);
            }
        }
    }
}
