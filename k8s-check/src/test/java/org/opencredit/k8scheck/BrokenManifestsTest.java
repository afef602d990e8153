package org.opencredit.k8scheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks fail on broken manifests: each test breaks one thing in a copy of the rendered prod
 * overlay (or renders the deliberately broken fixture overlay) and expects the problem to be named.
 */
class BrokenManifestsTest {
    private static final Map<String, Set<String>> SECRETS = SecretsDoc.parse(Repo.K8S.resolve("create-secrets.sh"));
    private static List<Map<String, Object>> prod;

    @BeforeAll
    static void render() {
        prod = Kustomize.render(Repo.K8S.resolve("overlays/prod"));
    }

    private static List<String> problemsAfter(Consumer<List<Map<String, Object>>> breakIt) {
        List<Map<String, Object>> objects = Yamls.copy(prod);
        breakIt.accept(objects);
        List<String> problems = new ArrayList<>();
        SchemaValidator validator = new SchemaValidator();
        objects.forEach(o -> problems.addAll(validator.validate(o)));
        ManifestChecks checks = new ManifestChecks(objects, SECRETS);
        problems.addAll(checks.all(Repo.topics()));
        problems.addAll(checks.highAvailability(Repo.SCALED));
        return problems;
    }

    private static Map<String, Object> object(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream().filter(o -> kind.equals(Obj.kind(o)) && name.equals(Obj.name(o))).findFirst().orElseThrow();
    }

    private static Map<String, Object> container(List<Map<String, Object>> objects, String deployment) {
        return Kustomize.containers(object(objects, "Deployment", deployment)).get(0);
    }

    @Test
    void theUnbrokenOverlayPasses() {
        assertThat(problemsAfter(o -> { })).isEmpty();
    }

    @Test
    void anUnknownFieldIsRejected() {
        assertThat(problemsAfter(o -> container(o, "gateway").put("resourcez", Map.of())))
                .anyMatch(p -> p.startsWith("Deployment/gateway: unknown field") && p.contains("resourcez"));
        assertThat(problemsAfter(o -> Obj.map(object(o, "KafkaTopic", "opencredit-rating"), "spec").put("replicationFactor", 3)))
                .contains("KafkaTopic/opencredit-rating: unknown field spec.replicationFactor");
        assertThat(problemsAfter(o -> Obj.map(object(o, "NetworkPolicy", "default-deny"), "spec").put("podSelectors", Map.of())))
                .contains("NetworkPolicy/default-deny: unknown field spec.podSelectors");
    }

    @Test
    void aWrongTypeOrValueIsRejected() {
        assertThat(problemsAfter(o -> Obj.map(object(o, "Deployment", "rating-service"), "spec").put("replicas", "two")))
                .anyMatch(p -> p.startsWith("Deployment/rating-service: does not match the apps/v1/Deployment schema"));
        assertThat(problemsAfter(o -> container(o, "gateway").put("imagePullPolicy", "Sometimes")))
                .anyMatch(p -> p.contains("imagePullPolicy must be one of"));
        assertThat(problemsAfter(o -> Obj.map(container(o, "gateway"), "resources", "limits").put("memory", "1 GB")))
                .contains("Deployment/gateway: .spec.template.spec.containers[0].resources.limits.memory is not a quantity: 1 GB");
        assertThat(problemsAfter(o -> Obj.map(object(o, "Service", "redis"), "metadata").put("name", "Redis_Quotas")))
                .anyMatch(p -> p.contains("metadata.name must be a DNS-1123 subdomain"));
        assertThat(problemsAfter(o -> Obj.map(object(o, "KafkaNodePool", "broker"), "spec").put("roles", List.of("brokr"))))
                .anyMatch(p -> p.contains("unknown role brokr"));
    }

    @Test
    void anUnknownKindOrVersionIsRejected() {
        assertThat(problemsAfter(o -> object(o, "Deployment", "redis").put("apiVersion", "apps/v1beta1")))
                .contains("Deployment/redis: no schema for apps/v1beta1/Deployment (unknown kind or version)");
    }

    @Test
    void policiesAreEnforced() {
        assertThat(problemsAfter(o -> container(o, "gateway").put("image", "opencredit/gateway:latest")))
                .anyMatch(p -> p.contains("image opencredit/gateway:latest is not pinned"));
        assertThat(problemsAfter(o -> container(o, "rating-service").put("image", "opencredit/rating-service")))
                .anyMatch(p -> p.contains("is not pinned"));
        assertThat(problemsAfter(o -> Obj.map(container(o, "rating-service"), "resources", "limits").remove("memory")))
                .contains("Deployment/rating-service: container rating-service: resources.limits.memory is missing");
        assertThat(problemsAfter(o -> Obj.map(Kustomize.podSpec(object(o, "Deployment", "redis")), "securityContext").put("runAsNonRoot", false)))
                .anyMatch(p -> p.startsWith("Deployment/redis: container redis: must run as non-root"));
        assertThat(problemsAfter(o -> Obj.map(container(o, "gateway"), "securityContext").put("readOnlyRootFilesystem", false)))
                .anyMatch(p -> p.contains("readOnlyRootFilesystem must be true"));
        assertThat(problemsAfter(o -> Obj.map(container(o, "gateway"), "securityContext", "capabilities").put("drop", List.of("NET_RAW"))))
                .anyMatch(p -> p.contains("capabilities must drop ALL"));
        assertThat(problemsAfter(o -> container(o, "blacklist-service").remove("volumeMounts")))
                .anyMatch(p -> p.contains("needs a writable /tmp"));
        assertThat(problemsAfter(o -> container(o, "blacklist-service").remove("startupProbe")))
                .anyMatch(p -> p.contains("needs a startupProbe"));
        assertThat(problemsAfter(o -> Kustomize.podSpec(object(o, "Deployment", "gateway")).put("terminationGracePeriodSeconds", 20)))
                .anyMatch(p -> p.contains("terminationGracePeriodSeconds must cover"));
        assertThat(problemsAfter(o -> Obj.map(object(o, "ConfigMap", "gateway"), "data").put("JAVA_OPTS", "-Xmx512m")))
                .anyMatch(p -> p.contains("JAVA_OPTS must size the heap from the container limit"));
    }

    @Test
    void brokenReferencesAreFound() {
        assertThat(problemsAfter(o -> Obj.map(object(o, "Service", "rating-service"), "spec", "selector").put("app.kubernetes.io/name", "ratings")))
                .anyMatch(p -> p.startsWith("Service/rating-service: selector") && p.contains("matches no pod template"));
        assertThat(problemsAfter(o -> Obj.maps(object(o, "Service", "gateway"), "spec", "ports").get(0).put("targetPort", "web")))
                .anyMatch(p -> p.contains("targetPort web is not a container port of Deployment/gateway"));
        assertThat(problemsAfter(o -> Obj.map(container(o, "gateway"), "readinessProbe", "httpGet").put("port", "management")))
                .anyMatch(p -> p.contains("readinessProbe port management is not a port of the container"));
        assertThat(problemsAfter(o -> Obj.maps(container(o, "rating-service"), "envFrom").get(1).put("configMapRef", Map.of("name", "rating"))))
                .anyMatch(p -> p.contains("envFrom ConfigMap rating does not exist"));
        assertThat(problemsAfter(o -> Obj.map(Obj.maps(container(o, "rating-service"), "env").get(0), "valueFrom", "secretKeyRef")
                .put("key", "UNDOCUMENTED")))
                .anyMatch(p -> p.contains("key UNDOCUMENTED is neither in the overlay nor documented"));
        assertThat(problemsAfter(o -> Obj.list(container(o, "rating-service"), "env").add(Map.of("name", "X", "value", "$(NOT_DEFINED)"))))
                .anyMatch(p -> p.contains("refers to $(NOT_DEFINED)"));
        assertThat(problemsAfter(o -> Obj.map(object(o, "HorizontalPodAutoscaler", "gateway"), "spec", "scaleTargetRef").put("name", "gw")))
                .anyMatch(p -> p.contains("scaleTargetRef names no workload"));
    }

    @Test
    void everyTopicOfTheCodeNeedsAKafkaTopic() {
        assertThat(problemsAfter(o -> o.removeIf(x -> "KafkaTopic".equals(Obj.kind(x)) && "opencredit-record-dlt".equals(Obj.name(x)))))
                .contains("KafkaTopic: the code uses topic opencredit.record-dlt but no KafkaTopic declares it");
        assertThat(problemsAfter(o -> Obj.map(object(o, "Kafka", "opencredit"), "spec", "kafka", "config").put("min.insync.replicas", 1)))
                .contains("Kafka/opencredit: spec.kafka.config.min.insync.replicas must be 2");
        assertThat(problemsAfter(o -> Obj.map(object(o, "KafkaNodePool", "broker"), "spec").put("replicas", 2)))
                .anyMatch(p -> p.contains("needs at least 3 brokers"));
        assertThat(problemsAfter(o -> Obj.map(object(o, "KafkaTopic", "opencredit-subject"), "spec").put("replicas", 1)))
                .contains("KafkaTopic/opencredit-subject: spec.replicas must be at least 3");
    }

    @Test
    void mongoWritesWaitForAMajority() {
        assertThat(problemsAfter(o -> Obj.map(object(o, "ConfigMap", "opencredit-common"), "data").put("MONGODB_OPTIONS", "replicaSet=rs0&w=1")))
                .anyMatch(p -> p.contains("MONGODB_URI must name the replica set and w=majority"));
    }

    @Test
    void onlyTheGatewayIsReachableFromOutside() {
        assertThat(problemsAfter(o -> o.removeIf(x -> "default-deny".equals(Obj.name(x)))))
                .anyMatch(p -> p.startsWith("NetworkPolicy: no default-deny policy"));
        assertThat(problemsAfter(o -> Obj.map(Obj.maps(object(o, "Ingress", "gateway"), "spec", "rules").get(0), "http")
                .put("paths", List.of(Map.of("path", "/", "pathType", "Prefix",
                        "backend", Map.of("service", Map.of("name", "rating-service", "port", Map.of("name", "http"))))))))
                .anyMatch(p -> p.contains("only the gateway is reachable from outside"));
        assertThat(problemsAfter(o -> Obj.map(object(o, "Ingress", "gateway"), "spec").remove("tls")))
                .contains("Ingress/gateway: needs TLS");
        assertThat(problemsAfter(o -> Obj.maps(object(o, "NetworkPolicy", "credit-services"), "spec", "ingress").get(0)
                .put("from", List.of(Map.of("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "ingress-nginx")))))))
                .anyMatch(p -> p.contains("admits traffic from outside the namespace to pods other than the gateway"));
    }

    @Test
    void prodNeedsTwoReplicasAutoscalingBudgetsAndSpread() {
        assertThat(problemsAfter(o -> Obj.map(object(o, "Deployment", "personal-credit-service"), "spec").put("replicas", 1)))
                .contains("Deployment/personal-credit-service: needs at least 2 replicas, has 1");
        assertThat(problemsAfter(o -> o.removeIf(x -> "HorizontalPodAutoscaler".equals(Obj.kind(x)) && "gateway".equals(Obj.name(x)))))
                .contains("Deployment/gateway: needs a HorizontalPodAutoscaler on CPU with minReplicas >= 2");
        assertThat(problemsAfter(o -> o.removeIf(x -> "PodDisruptionBudget".equals(Obj.kind(x)) && "rating-service".equals(Obj.name(x)))))
                .contains("Deployment/rating-service: needs a PodDisruptionBudget");
        assertThat(problemsAfter(o -> Kustomize.podSpec(object(o, "Deployment", "blacklist-service")).remove("topologySpreadConstraints")))
                .contains("Deployment/blacklist-service: needs a topologySpreadConstraint across nodes");
    }

    @Test
    void aDashboardMissingFromTheConfigMapIsFound(@TempDir Path dir) throws IOException {
        for (Path file : Files.list(Repo.DASHBOARDS).toList()) {
            Files.copy(file, dir.resolve(file.getFileName()));
        }
        Files.writeString(dir.resolve("new-dashboard.json"), "{}");
        Files.writeString(dir.resolve("jvm-runtime.json"), "{\"changed\":true}");
        assertThat(new ManifestChecks(prod, SECRETS).dashboards(dir)).containsExactlyInAnyOrder(
                "ConfigMap: dashboard jvm-runtime.json differs from " + dir.resolve("jvm-runtime.json"),
                "ConfigMap: dashboard new-dashboard.json is not in a grafana_dashboard ConfigMap (observability/grafana/kustomization.yaml)");
    }

    @Test
    void theBrokenFixtureOverlayFailsEveryStage() throws Exception {
        Path fixture = Path.of(getClass().getResource("/broken-overlay/kustomization.yaml").toURI()).getParent();
        List<Map<String, Object>> objects = Kustomize.render(fixture);
        SchemaValidator validator = new SchemaValidator();
        List<String> problems = new ArrayList<>();
        objects.forEach(o -> problems.addAll(validator.validate(o)));
        problems.addAll(new ManifestChecks(objects, SECRETS).all(Repo.topics()));
        assertThat(problems).contains(
                "Deployment/broken: unknown field spec.template.spec.containers[0].resourcez",
                "Deployment/broken: spec.selector does not match the pod template's labels",
                "Service/broken: selector {app.kubernetes.io/name=broken} matches no pod template",
                "Deployment/broken: container app: image opencredit/broken:latest is not pinned to a tag or digest (no latest)",
                "Deployment/broken: container app: envFrom ConfigMap no-such-config does not exist",
                "Deployment/broken: container app: livenessProbe port management is not a port of the container",
                "Deployment/broken: container app: resources.limits.memory is missing",
                "KafkaTopic: the code uses topic opencredit.subject but no KafkaTopic declares it");
        assertThat(problems).anyMatch(p -> p.contains("imagePullPolicy must be one of"));
    }
}
