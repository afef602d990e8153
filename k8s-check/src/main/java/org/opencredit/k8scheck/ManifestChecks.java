package org.opencredit.k8scheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Cross-references and policies of a rendered overlay. Each method returns the problems it found, each
 * naming the object; an empty list means the overlay passes.
 */
public final class ManifestChecks {
    /** The applications built from this repository (the Dockerfile's image): JVM rules apply to them. */
    static final String OWN_IMAGE_PREFIX = "opencredit/";
    static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet", "Job");
    private static final Pattern VAR_REF = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
    private static final Pattern SLEEP = Pattern.compile("sleep (\\d+)");

    private final List<Map<String, Object>> objects;
    private final Map<String, Set<String>> externalSecrets;
    private final List<String> problems = new ArrayList<>();

    /**
     * @param objects         the rendered overlay
     * @param externalSecrets the Secrets the repository does not contain but documents (name -> keys),
     *                        read from k8s/create-secrets.sh
     */
    public ManifestChecks(List<Map<String, Object>> objects, Map<String, Set<String>> externalSecrets) {
        this.objects = objects;
        this.externalSecrets = externalSecrets;
    }

    /** Every check that holds for every overlay. */
    public List<String> all(List<String> topicsOfTheCode) {
        uniqueNames();
        namespaces();
        workloads();
        services();
        references();
        policies();
        kafka(topicsOfTheCode);
        mongoConnections();
        autoscalersAndBudgets();
        networkPolicies();
        ingress();
        return problems;
    }

    private void problem(Map<String, Object> object, String text) {
        problems.add(Obj.id(object) + ": " + text);
    }

    private List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(Obj.kind(o))).toList();
    }

    private Map<String, Object> find(String kind, String name) {
        return objects.stream().filter(o -> kind.equals(Obj.kind(o)) && Objects.equals(name, Obj.name(o))).findFirst().orElse(null);
    }

    private List<Map<String, Object>> workloadList() {
        return objects.stream().filter(o -> WORKLOAD_KINDS.contains(Obj.kind(o))).toList();
    }

    private static Map<String, Object> podLabels(Map<String, Object> workload) {
        return Obj.map(workload, "spec", "template", "metadata", "labels");
    }

    static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        Map<String, Object> matchLabels = selector.containsKey("matchLabels") || selector.containsKey("matchExpressions")
                ? Obj.map(selector, "matchLabels") : selector;
        for (Map.Entry<String, Object> e : matchLabels.entrySet()) {
            if (!Objects.equals(String.valueOf(e.getValue()), labels.get(e.getKey()) == null ? null : String.valueOf(labels.get(e.getKey())))) {
                return false;
            }
        }
        return true;
    }

    void uniqueNames() {
        Set<String> seen = new HashSet<>();
        for (Map<String, Object> o : objects) {
            String key = Obj.str(o, "apiVersion") + "/" + Obj.id(o) + "@" + Obj.str(o, "metadata", "namespace");
            if (!seen.add(key)) {
                problem(o, "defined twice");
            }
        }
    }

    void namespaces() {
        for (Map<String, Object> o : objects) {
            if (!"Namespace".equals(Obj.kind(o)) && !"opencredit".equals(Obj.str(o, "metadata", "namespace"))) {
                problem(o, "not in the namespace opencredit");
            }
        }
    }

    void workloads() {
        for (Map<String, Object> w : workloadList()) {
            if (!"Job".equals(Obj.kind(w)) && !selects(Obj.map(w, "spec", "selector"), podLabels(w))) {
                problem(w, "spec.selector does not match the pod template's labels");
            }
            if ("StatefulSet".equals(Obj.kind(w))) {
                Map<String, Object> service = find("Service", Obj.str(w, "spec", "serviceName"));
                if (service == null || !"None".equals(Obj.str(service, "spec", "clusterIP"))) {
                    problem(w, "serviceName must name a headless Service of the overlay");
                }
            }
            String account = Obj.str(w, "spec", "template", "spec", "serviceAccountName");
            if (account != null && find("ServiceAccount", account) == null) {
                problem(w, "ServiceAccount " + account + " does not exist");
            }
        }
    }

    void services() {
        for (Map<String, Object> service : ofKind("Service")) {
            Map<String, Object> selector = Obj.map(service, "spec", "selector");
            if (selector.isEmpty()) {
                problem(service, "has no selector");
                continue;
            }
            List<Map<String, Object>> backends = workloadList().stream().filter(w -> selects(selector, podLabels(w))).toList();
            if (backends.isEmpty()) {
                problem(service, "selector " + selector + " matches no pod template");
            }
            for (Map<String, Object> port : Obj.maps(service, "spec", "ports")) {
                Object target = port.getOrDefault("targetPort", port.get("port"));
                for (Map<String, Object> backend : backends) {
                    if (!hasContainerPort(backend, target)) {
                        problem(service, "targetPort " + target + " is not a container port of " + Obj.id(backend));
                    }
                }
            }
        }
    }

    private static boolean hasContainerPort(Map<String, Object> workload, Object port) {
        for (Map<String, Object> container : Obj.maps(Kustomize.podSpec(workload), "containers")) {
            for (Map<String, Object> p : Obj.maps(container, "ports")) {
                if (String.valueOf(port).equals(Obj.str(p, "name")) || String.valueOf(port).equals(Obj.str(p, "containerPort"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean secretHasKey(String name, String key) {
        Map<String, Object> secret = find("Secret", name);
        if (secret != null) {
            return key == null || Obj.map(secret, "data").containsKey(key) || Obj.map(secret, "stringData").containsKey(key);
        }
        Set<String> keys = externalSecrets.get(name);
        return keys != null && (key == null || keys.contains(key));
    }

    private boolean configMapHasKey(String name, String key) {
        Map<String, Object> configMap = find("ConfigMap", name);
        return configMap != null && (key == null || Obj.map(configMap, "data").containsKey(key));
    }

    void references() {
        for (Map<String, Object> w : workloadList()) {
            Map<String, Object> podSpec = Kustomize.podSpec(w);
            Set<String> volumeNames = new HashSet<>();
            for (Map<String, Object> volume : Obj.maps(podSpec, "volumes")) {
                volumeNames.add(Obj.str(volume, "name"));
                String cm = Obj.str(volume, "configMap", "name");
                if (cm != null && !configMapHasKey(cm, null)) {
                    problem(w, "volume " + volume.get("name") + ": ConfigMap " + cm + " does not exist");
                }
                String secret = Obj.str(volume, "secret", "secretName");
                if (secret != null && !secretHasKey(secret, null)) {
                    problem(w, "volume " + volume.get("name") + ": Secret " + secret + " is neither in the overlay nor documented in k8s/create-secrets.sh");
                }
            }
            Set<String> claimNames = new HashSet<>();
            Obj.maps(w, "spec", "volumeClaimTemplates").forEach(c -> claimNames.add(Obj.name(c)));
            for (Map<String, Object> container : Kustomize.containers(w)) {
                String where = "container " + container.get("name");
                Set<String> defined = new HashSet<>();
                for (Map<String, Object> from : Obj.maps(container, "envFrom")) {
                    String cm = Obj.str(from, "configMapRef", "name");
                    if (cm != null) {
                        Map<String, Object> configMap = find("ConfigMap", cm);
                        if (configMap == null) {
                            problem(w, where + ": envFrom ConfigMap " + cm + " does not exist");
                        } else {
                            defined.addAll(Obj.map(configMap, "data").keySet());
                        }
                    }
                    String secret = Obj.str(from, "secretRef", "name");
                    if (secret != null) {
                        if (!secretHasKey(secret, null)) {
                            problem(w, where + ": envFrom Secret " + secret + " is neither in the overlay nor documented");
                        } else if (externalSecrets.containsKey(secret)) {
                            defined.addAll(externalSecrets.get(secret));
                        }
                    }
                }
                for (Map<String, Object> env : Obj.maps(container, "env")) {
                    String value = Obj.str(env, "value");
                    if (value != null) {
                        Matcher m = VAR_REF.matcher(value);
                        while (m.find()) {
                            if (!defined.contains(m.group(1))) {
                                problem(w, where + ": env " + env.get("name") + " refers to $(" + m.group(1) + "), which is not defined before it");
                            }
                        }
                    }
                    Map<String, Object> secretRef = Obj.map(env, "valueFrom", "secretKeyRef");
                    if (!secretRef.isEmpty() && !secretHasKey(Obj.str(secretRef, "name"), Obj.str(secretRef, "key"))) {
                        problem(w, where + ": env " + env.get("name") + ": Secret " + secretRef.get("name") + " key " + secretRef.get("key")
                                + " is neither in the overlay nor documented in k8s/create-secrets.sh");
                    }
                    Map<String, Object> cmRef = Obj.map(env, "valueFrom", "configMapKeyRef");
                    if (!cmRef.isEmpty() && !configMapHasKey(Obj.str(cmRef, "name"), Obj.str(cmRef, "key"))) {
                        problem(w, where + ": env " + env.get("name") + ": ConfigMap " + cmRef.get("name") + " key " + cmRef.get("key") + " does not exist");
                    }
                    defined.add(Obj.str(env, "name"));
                }
                for (Map<String, Object> mount : Obj.maps(container, "volumeMounts")) {
                    String name = Obj.str(mount, "name");
                    if (!volumeNames.contains(name) && !claimNames.contains(name)) {
                        problem(w, where + ": volumeMount " + name + " has no volume");
                    }
                }
                for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                    Object port = Obj.at(container, probe, "httpGet", "port") != null
                            ? Obj.at(container, probe, "httpGet", "port") : Obj.at(container, probe, "tcpSocket", "port");
                    if (port != null && Obj.maps(container, "ports").stream()
                            .noneMatch(p -> String.valueOf(port).equals(Obj.str(p, "name")) || String.valueOf(port).equals(Obj.str(p, "containerPort")))) {
                        problem(w, where + ": " + probe + " port " + port + " is not a port of the container");
                    }
                }
            }
        }
    }

    static boolean pinned(String image) {
        if (image == null) {
            return false;
        }
        if (image.contains("@sha256:")) {
            return true;
        }
        int colon = image.lastIndexOf(':');
        if (colon <= image.lastIndexOf('/')) {
            return false;
        }
        String tag = image.substring(colon + 1);
        return !tag.isEmpty() && !tag.equals("latest") && !tag.endsWith("-latest");
    }

    void policies() {
        for (Map<String, Object> w : workloadList()) {
            Map<String, Object> podSpec = Kustomize.podSpec(w);
            boolean podNonRoot = Boolean.TRUE.equals(Obj.at(podSpec, "securityContext", "runAsNonRoot"));
            Object podUser = Obj.at(podSpec, "securityContext", "runAsUser");
            if (!Boolean.FALSE.equals(podSpec.get("automountServiceAccountToken"))) {
                problem(w, "automountServiceAccountToken must be false (no application talks to the Kubernetes API)");
            }
            for (Map<String, Object> container : Kustomize.containers(w)) {
                String where = "container " + container.get("name");
                String image = Obj.str(container, "image");
                if (!pinned(image)) {
                    problem(w, where + ": image " + image + " is not pinned to a tag or digest (no latest)");
                }
                for (String kind : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        if (Obj.at(container, "resources", kind, resource) == null) {
                            problem(w, where + ": resources." + kind + "." + resource + " is missing");
                        }
                    }
                }
                Map<String, Object> sc = Obj.map(container, "securityContext");
                boolean nonRoot = Boolean.TRUE.equals(sc.get("runAsNonRoot")) || (podNonRoot && !Boolean.FALSE.equals(sc.get("runAsNonRoot")));
                Object user = sc.getOrDefault("runAsUser", podUser);
                if (!nonRoot || Objects.equals(String.valueOf(user), "0")) {
                    problem(w, where + ": must run as non-root (runAsNonRoot: true, runAsUser not 0)");
                }
                if (!Boolean.TRUE.equals(sc.get("readOnlyRootFilesystem"))) {
                    problem(w, where + ": readOnlyRootFilesystem must be true");
                }
                if (!Boolean.FALSE.equals(sc.get("allowPrivilegeEscalation"))) {
                    problem(w, where + ": allowPrivilegeEscalation must be false");
                }
                if (!Obj.list(sc, "capabilities", "drop").contains("ALL") || !Obj.list(sc, "capabilities", "add").isEmpty()) {
                    problem(w, where + ": capabilities must drop ALL and add none");
                }
                if (image != null && image.startsWith(OWN_IMAGE_PREFIX)) {
                    jvmApplication(w, container, where);
                }
            }
        }
    }

    private void jvmApplication(Map<String, Object> w, Map<String, Object> container, String where) {
        Map<String, Object> podSpec = Kustomize.podSpec(w);
        boolean tmp = Obj.maps(container, "volumeMounts").stream().anyMatch(m -> "/tmp".equals(Obj.str(m, "mountPath"))
                && Obj.maps(podSpec, "volumes").stream().anyMatch(v -> Objects.equals(v.get("name"), m.get("name")) && v.containsKey("emptyDir")));
        if (!tmp) {
            problem(w, where + ": needs a writable /tmp (an emptyDir volume) with its read-only root filesystem");
        }
        if (!"/actuator/health/liveness".equals(Obj.str(container, "livenessProbe", "httpGet", "path"))) {
            problem(w, where + ": livenessProbe must GET /actuator/health/liveness");
        }
        if (!"/actuator/health/readiness".equals(Obj.str(container, "readinessProbe", "httpGet", "path"))) {
            problem(w, where + ": readinessProbe must GET /actuator/health/readiness");
        }
        if (Obj.at(container, "startupProbe") == null) {
            problem(w, where + ": needs a startupProbe (slow JVM starts)");
        }
        String preStop = String.join(" ", Obj.list(container, "lifecycle", "preStop", "exec", "command").stream().map(String::valueOf).toList());
        Matcher sleep = SLEEP.matcher(preStop);
        Object grace = podSpec.get("terminationGracePeriodSeconds");
        if (!sleep.find()) {
            problem(w, where + ": needs a preStop sleep (endpoints and the gateway's instance cache drain first)");
        } else if (!(grace instanceof Number g) || g.intValue() < Integer.parseInt(sleep.group(1)) + 25) {
            problem(w, where + ": terminationGracePeriodSeconds must cover the preStop sleep and the 25 s shutdown phase");
        }
        Map<String, String> env = effectiveEnv(container);
        String javaOpts = env.getOrDefault("JAVA_OPTS", "");
        if (!javaOpts.contains("MaxRAMPercentage") || javaOpts.matches(".*-Xmx\\S+.*")) {
            problem(w, where + ": JAVA_OPTS must size the heap from the container limit (MaxRAMPercentage, no -Xmx)");
        }
        if (!"graceful".equals(env.get("SERVER_SHUTDOWN"))) {
            problem(w, where + ": SERVER_SHUTDOWN must be graceful");
        }
    }

    /** The literal environment of a container: its ConfigMaps' keys, then its env values. */
    Map<String, String> effectiveEnv(Map<String, Object> container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> from : Obj.maps(container, "envFrom")) {
            Map<String, Object> configMap = find("ConfigMap", Obj.str(from, "configMapRef", "name"));
            if (configMap != null) {
                Obj.map(configMap, "data").forEach((k, v) -> env.put(k, String.valueOf(v)));
            }
        }
        for (Map<String, Object> e : Obj.maps(container, "env")) {
            if (e.containsKey("value")) {
                String value = Obj.str(e, "value");
                Matcher m = VAR_REF.matcher(value);
                StringBuilder resolved = new StringBuilder();
                while (m.find()) {
                    m.appendReplacement(resolved, Matcher.quoteReplacement(env.getOrDefault(m.group(1), "$(" + m.group(1) + ")")));
                }
                m.appendTail(resolved);
                env.put(Obj.str(e, "name"), resolved.toString());
            } else {
                env.put(Obj.str(e, "name"), "<from " + Obj.map(e, "valueFrom").keySet() + ">");
            }
        }
        return env;
    }

    void kafka(List<String> topicsOfTheCode) {
        Set<String> declared = new HashSet<>();
        for (Map<String, Object> topic : ofKind("KafkaTopic")) {
            declared.add(Obj.str(topic, "spec", "topicName") != null ? Obj.str(topic, "spec", "topicName") : Obj.name(topic));
        }
        for (String topic : topicsOfTheCode) {
            if (!declared.contains(topic)) {
                problems.add("KafkaTopic: the code uses topic " + topic + " but no KafkaTopic declares it");
            }
        }
        List<Map<String, Object>> clusters = ofKind("Kafka");
        if (clusters.size() != 1) {
            problems.add("Kafka: expected exactly one Kafka cluster, found " + clusters.size());
            return;
        }
        Map<String, Object> kafka = clusters.get(0);
        String cluster = Obj.name(kafka);
        Map<String, Object> config = Obj.map(kafka, "spec", "kafka", "config");
        for (String key : List.of("default.replication.factor=3", "min.insync.replicas=2", "offsets.topic.replication.factor=3",
                "transaction.state.log.min.isr=2", "auto.create.topics.enable=false")) {
            String[] kv = key.split("=");
            if (!kv[1].equals(String.valueOf(config.get(kv[0])))) {
                problem(kafka, "spec.kafka.config." + kv[0] + " must be " + kv[1]);
            }
        }
        int brokers = 0;
        int controllers = 0;
        for (Map<String, Object> pool : ofKind("KafkaNodePool")) {
            if (!cluster.equals(Obj.str(pool, "metadata", "labels", "strimzi.io/cluster"))) {
                problem(pool, "label strimzi.io/cluster must name the Kafka cluster " + cluster);
            }
            int replicas = ((Number) Obj.at(pool, "spec", "replicas")).intValue();
            if (Obj.list(pool, "spec", "roles").contains("broker")) {
                brokers += replicas;
            }
            if (Obj.list(pool, "spec", "roles").contains("controller")) {
                controllers += replicas;
            }
            for (String kind : List.of("requests", "limits")) {
                if (Obj.at(pool, "spec", "resources", kind, "memory") == null) {
                    problem(pool, "spec.resources." + kind + ".memory is missing");
                }
            }
        }
        if (brokers < 3) {
            problem(kafka, "needs at least 3 brokers in its node pools for replication factor 3, has " + brokers);
        }
        if (controllers < 3 || controllers % 2 == 0) {
            problem(kafka, "needs an odd number (at least 3) of KRaft controllers, has " + controllers);
        }
        for (Map<String, Object> topic : ofKind("KafkaTopic")) {
            if (!cluster.equals(Obj.str(topic, "metadata", "labels", "strimzi.io/cluster"))) {
                problem(topic, "label strimzi.io/cluster must name the Kafka cluster " + cluster);
            }
            Object replicas = Obj.at(topic, "spec", "replicas");
            if (!(replicas instanceof Number r) || r.intValue() < 3) {
                problem(topic, "spec.replicas must be at least 3");
            }
            if (!"2".equals(Obj.str(topic, "spec", "config", "min.insync.replicas"))) {
                problem(topic, "spec.config.min.insync.replicas must be 2");
            }
            if (Obj.at(topic, "spec", "config", "retention.ms") == null) {
                problem(topic, "spec.config.retention.ms must be set (how long events are kept is a decision)");
            }
        }
    }

    void mongoConnections() {
        for (Map<String, Object> w : workloadList()) {
            for (Map<String, Object> container : Kustomize.containers(w)) {
                String uri = effectiveEnv(container).get("MONGODB_URI");
                if (uri == null) {
                    continue;
                }
                if (!uri.contains("w=majority") || !uri.contains("replicaSet=")) {
                    problem(w, "MONGODB_URI must name the replica set and w=majority: " + uri.replaceAll("://[^@]*@", "://***@"));
                }
                if (uri.contains("@") && !uri.contains(":<from [secretKeyRef]>@")) {
                    problem(w, "MONGODB_URI must take its password from the Secret ($(MONGODB_PASSWORD)), not a literal");
                }
            }
        }
    }

    void autoscalersAndBudgets() {
        for (Map<String, Object> hpa : ofKind("HorizontalPodAutoscaler")) {
            Map<String, Object> target = find(Obj.str(hpa, "spec", "scaleTargetRef", "kind"), Obj.str(hpa, "spec", "scaleTargetRef", "name"));
            if (target == null) {
                problem(hpa, "scaleTargetRef names no workload of the overlay");
            } else if (Obj.maps(hpa, "spec", "metrics").stream().anyMatch(m -> "cpu".equals(Obj.str(m, "resource", "name")))
                    && Kustomize.containers(target).stream().anyMatch(c -> Obj.at(c, "resources", "requests", "cpu") == null)) {
                problem(hpa, "scales on CPU utilisation but a container of the target has no CPU request");
            }
        }
        for (Map<String, Object> pdb : ofKind("PodDisruptionBudget")) {
            Map<String, Object> selector = Obj.map(pdb, "spec", "selector");
            if (workloadList().stream().noneMatch(w -> selects(selector, podLabels(w)))) {
                problem(pdb, "selector matches no pod template");
            }
        }
    }

    void networkPolicies() {
        List<Map<String, Object>> policies = ofKind("NetworkPolicy");
        boolean defaultDeny = policies.stream().anyMatch(p -> Obj.map(p, "spec", "podSelector").isEmpty()
                && Obj.list(p, "spec", "policyTypes").containsAll(List.of("Ingress", "Egress"))
                && Obj.list(p, "spec", "ingress").isEmpty() && Obj.list(p, "spec", "egress").isEmpty());
        if (!defaultDeny) {
            problems.add("NetworkPolicy: no default-deny policy (empty podSelector, Ingress and Egress, no rules)");
        }
        for (Map<String, Object> policy : policies) {
            Map<String, Object> selector = Obj.map(policy, "spec", "podSelector");
            boolean operatorPods = Obj.map(selector, "matchLabels").keySet().stream().anyMatch(k -> k.startsWith("strimzi.io/"));
            if (!selector.isEmpty() && !operatorPods && workloadList().stream().noneMatch(w -> selects(selector, podLabels(w)))) {
                problem(policy, "podSelector matches no pod template");
            }
        }
        // only the gateway may be reached from outside the namespace (apart from Prometheus scraping)
        for (Map<String, Object> policy : policies) {
            for (Map<String, Object> rule : Obj.maps(policy, "spec", "ingress")) {
                for (Map<String, Object> peer : Obj.maps(rule, "from")) {
                    String namespace = Obj.str(peer, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name");
                    boolean outside = peer.containsKey("namespaceSelector") || peer.containsKey("ipBlock");
                    if (outside && !"monitoring".equals(namespace)
                            && !"gateway".equals(Obj.str(policy, "spec", "podSelector", "matchLabels", "app.kubernetes.io/name"))) {
                        problem(policy, "admits traffic from outside the namespace to pods other than the gateway");
                    }
                    if (peer.containsKey("namespaceSelector") && namespace == null) {
                        problem(policy, "a namespaceSelector must name one namespace");
                    }
                }
            }
        }
    }

    void ingress() {
        for (Map<String, Object> ingress : ofKind("Ingress")) {
            if (Obj.maps(ingress, "spec", "tls").isEmpty()) {
                problem(ingress, "needs TLS");
            }
            for (Map<String, Object> tls : Obj.maps(ingress, "spec", "tls")) {
                if (!secretHasKey(Obj.str(tls, "secretName"), null)) {
                    problem(ingress, "TLS Secret " + tls.get("secretName") + " is neither in the overlay nor documented");
                }
            }
            for (Map<String, Object> rule : Obj.maps(ingress, "spec", "rules")) {
                for (Map<String, Object> path : Obj.maps(rule, "http", "paths")) {
                    String name = Obj.str(path, "backend", "service", "name");
                    Map<String, Object> service = find("Service", name);
                    if (!"gateway".equals(name)) {
                        problem(ingress, "routes " + path.get("path") + " to " + name + ": only the gateway is reachable from outside");
                    }
                    Object port = Obj.at(path, "backend", "service", "port", "name");
                    Object number = Obj.at(path, "backend", "service", "port", "number");
                    if (service == null || Obj.maps(service, "spec", "ports").stream()
                            .noneMatch(p -> Objects.equals(p.get("name"), port) || Objects.equals(p.get("port"), number))) {
                        problem(ingress, "backend " + name + ":" + (port != null ? port : number) + " is not a Service port");
                    }
                }
            }
        }
    }

    /** prod only: replicas, autoscaling, disruption budgets and spread for the gateway and the credit services. */
    public List<String> highAvailability(List<String> applications) {
        List<String> out = new ArrayList<>();
        for (String app : applications) {
            Map<String, Object> deployment = find("Deployment", app);
            if (deployment == null) {
                out.add("Deployment/" + app + ": missing");
                continue;
            }
            Object replicas = Obj.at(deployment, "spec", "replicas");
            if (!(replicas instanceof Number n) || n.intValue() < 2) {
                out.add("Deployment/" + app + ": needs at least 2 replicas, has " + replicas);
            }
            Map<String, Object> hpa = find("HorizontalPodAutoscaler", app);
            if (hpa == null || !(Obj.at(hpa, "spec", "minReplicas") instanceof Number min) || min.intValue() < 2
                    || Obj.maps(hpa, "spec", "metrics").stream().noneMatch(m -> "cpu".equals(Obj.str(m, "resource", "name")))) {
                out.add("Deployment/" + app + ": needs a HorizontalPodAutoscaler on CPU with minReplicas >= 2");
            }
            if (ofKind("PodDisruptionBudget").stream().noneMatch(p -> selects(Obj.map(p, "spec", "selector"), podLabels(deployment)))) {
                out.add("Deployment/" + app + ": needs a PodDisruptionBudget");
            }
            if (Obj.maps(deployment, "spec", "template", "spec", "topologySpreadConstraints").stream()
                    .noneMatch(c -> "kubernetes.io/hostname".equals(Obj.str(c, "topologyKey")))) {
                out.add("Deployment/" + app + ": needs a topologySpreadConstraint across nodes");
            }
        }
        return out;
    }

    /** Every dashboard file is in a ConfigMap labelled for the Grafana sidecar, byte for byte. */
    public List<String> dashboards(Path dashboardsDirectory) {
        List<String> out = new ArrayList<>();
        Map<String, Object> data = new HashMap<>();
        ofKind("ConfigMap").stream().filter(c -> "1".equals(Obj.str(c, "metadata", "labels", "grafana_dashboard")))
                .forEach(c -> data.putAll(Obj.map(c, "data")));
        try (Stream<Path> files = Files.list(dashboardsDirectory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String name = file.getFileName().toString();
                if (!data.containsKey(name)) {
                    out.add("ConfigMap: dashboard " + name + " is not in a grafana_dashboard ConfigMap (observability/grafana/kustomization.yaml)");
                } else if (!Yamls.read(file).equals(data.get(name))) {
                    out.add("ConfigMap: dashboard " + name + " differs from " + file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (data.isEmpty()) {
            out.add("ConfigMap: no Grafana dashboards");
        }
        return out;
    }
}
