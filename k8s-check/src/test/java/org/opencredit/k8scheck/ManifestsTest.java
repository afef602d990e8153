package org.opencredit.k8scheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real overlays: rendered, every object validated against its schema, cross-references and policies checked. */
class ManifestsTest {
    private static final Map<String, Set<String>> SECRETS = SecretsDoc.parse(Repo.K8S.resolve("create-secrets.sh"));

    static List<Map<String, Object>> render(String overlay) throws IOException {
        List<Map<String, Object>> objects = Kustomize.render(Repo.K8S.resolve("overlays").resolve(overlay));
        Path out = Path.of("target", "k8s", overlay + ".yaml");
        Files.createDirectories(out.getParent());
        Files.writeString(out, Yamls.dump(objects));
        return objects;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyObjectMatchesTheSchemaOfItsKindAndVersion(String overlay) throws IOException {
        List<Map<String, Object>> objects = render(overlay);
        SchemaValidator validator = new SchemaValidator();
        List<String> problems = new ArrayList<>();
        objects.forEach(o -> problems.addAll(validator.validate(o)));
        assertThat(problems).isEmpty();
        assertThat(objects).hasSizeGreaterThan(50);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void crossReferencesAndPoliciesHold(String overlay) throws IOException {
        List<Map<String, Object>> objects = render(overlay);
        ManifestChecks checks = new ManifestChecks(objects, SECRETS);
        assertThat(checks.all(Repo.topics())).isEmpty();
        assertThat(checks.dashboards(Repo.DASHBOARDS)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod"})
    void prodRunsTheGatewayAndTheCreditServicesHighlyAvailable(String overlay) throws IOException {
        List<Map<String, Object>> objects = render(overlay);
        assertThat(new ManifestChecks(objects, SECRETS).highAvailability(Repo.SCALED)).isEmpty();
        assertThat(objects).filteredOn(o -> "PodDisruptionBudget".equals(Obj.kind(o))).extracting(Obj::name)
                .contains("discovery", "mongodb");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev"})
    void devRunsOneReplicaOfEachApplication(String overlay) throws IOException {
        List<Map<String, Object>> objects = render(overlay);
        for (String app : Repo.SCALED) {
            assertThat(objects).filteredOn(o -> "Deployment".equals(Obj.kind(o)) && app.equals(Obj.name(o)))
                    .singleElement().satisfies(d -> assertThat(Obj.at(d, "spec", "replicas")).isEqualTo(1));
        }
        assertThat(objects).noneMatch(o -> "HorizontalPodAutoscaler".equals(Obj.kind(o)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eurekaIsAStatefulSetOfTwoPeersBehindAHeadlessService(String overlay) throws IOException {
        List<Map<String, Object>> objects = render(overlay);
        assertThat(objects).filteredOn(o -> "StatefulSet".equals(Obj.kind(o)) && "discovery".equals(Obj.name(o)))
                .singleElement().satisfies(s -> assertThat(Obj.at(s, "spec", "replicas")).isEqualTo(2));
        assertThat(objects).filteredOn(o -> "StatefulSet".equals(Obj.kind(o)) && "mongodb".equals(Obj.name(o)))
                .singleElement().satisfies(s -> {
                    assertThat(Obj.at(s, "spec", "replicas")).isEqualTo(3);
                    assertThat(Obj.maps(s, "spec", "volumeClaimTemplates")).isNotEmpty();
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theRepositoryContainsNoSecret(String overlay) throws IOException {
        assertThat(render(overlay)).noneMatch(o -> "Secret".equals(Obj.kind(o)));
    }
}
