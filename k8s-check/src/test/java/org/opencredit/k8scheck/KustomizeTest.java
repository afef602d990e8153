package org.opencredit.k8scheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline renderer: strategic merge, generators, and refusing what it does not implement. */
class KustomizeTest {
    @Test
    void strategicMergeMergesContainersByNameAndReplacesPlainLists() {
        Map<String, Object> target = Yamls.documents("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: a}
                spec:
                  template:
                    spec:
                      containers:
                        - name: one
                          args: [x, y]
                          env: [{name: A, value: "1"}, {name: B, value: "2"}]
                          resources: {limits: {cpu: "1", memory: 1Gi}}
                        - name: two
                          image: two:1
                """, "t").get(0);
        Map<String, Object> patch = Yamls.documents("""
                spec:
                  template:
                    spec:
                      containers:
                        - name: one
                          args: [z]
                          env: [{name: B, value: "3"}, {name: C, value: "4"}]
                          resources: {limits: {memory: 2Gi}}
                """, "p").get(0);
        StrategicMerge.merge(target, patch, true);
        Map<String, Object> one = Kustomize.containers(target).get(0);
        assertThat(Kustomize.containers(target)).hasSize(2);
        assertThat(one.get("args")).isEqualTo(List.of("z"));
        assertThat(Obj.maps(one, "env")).extracting(e -> e.get("name") + "=" + e.get("value")).containsExactly("A=1", "B=3", "C=4");
        assertThat(Obj.map(one, "resources", "limits")).isEqualTo(Map.of("cpu", "1", "memory", "2Gi"));
    }

    @Test
    void unsupportedFieldsAndUnmatchedPatchesFailTheRendering(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [a.yaml]\ncommonLabels: {a: b}\n");
        Files.writeString(dir.resolve("a.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("field 'commonLabels' is not supported");
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [a.yaml]\npatches: [{path: p.yaml}]\n");
        Files.writeString(dir.resolve("p.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\ndata: {x: y}\n");
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("patch ConfigMap/b matches no resource");
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [missing.yaml]\n");
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("resource missing.yaml does not exist");
    }

    @Test
    void generatorsNamespaceImagesAndReplicas(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("d.json"), "{\"a\":1}\n");
        Files.writeString(dir.resolve("w.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: w}
                spec:
                  replicas: 1
                  template:
                    spec:
                      containers: [{name: c, image: "org/app:1.0"}]
                """);
        Files.writeString(dir.resolve("kustomization.yaml"), """
                namespace: ns
                resources: [w.yaml]
                replicas: [{name: w, count: 3}]
                images: [{name: org/app, newTag: "2.0"}]
                generatorOptions: {disableNameSuffixHash: true}
                configMapGenerator: [{name: g, files: [d.json], options: {labels: {l: "1"}}}]
                """);
        List<Map<String, Object>> objects = Kustomize.render(dir);
        assertThat(objects).allMatch(o -> "ns".equals(Obj.str(o, "metadata", "namespace")));
        Map<String, Object> w = objects.get(0);
        assertThat(Obj.at(w, "spec", "replicas")).isEqualTo(3);
        assertThat(Kustomize.containers(w).get(0).get("image")).isEqualTo("org/app:2.0");
        assertThat(Obj.map(objects.get(1), "data")).isEqualTo(Map.of("d.json", "{\"a\":1}\n"));
        assertThat(Obj.map(objects.get(1), "metadata", "labels")).isEqualTo(Map.of("l", "1"));
    }
}
