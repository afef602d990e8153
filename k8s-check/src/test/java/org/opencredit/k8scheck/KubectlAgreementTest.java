package org.opencredit.k8scheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keeps the renderer honest: where kubectl is installed (it is not on every machine, so this test is
 * skipped elsewhere, saying so), {@code kubectl kustomize} must produce the same objects as
 * {@link Kustomize} for every overlay.
 */
class KubectlAgreementTest {
    private static final ObjectMapper CANONICAL = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    /** The output of {@code kubectl kustomize}, or null when kubectl is missing, fails or hangs (2 minutes). */
    static String kubectlKustomize(Path dir) throws InterruptedException, IOException {
        Path out = Files.createTempFile("kustomize", ".yaml");
        try {
            Process process = new ProcessBuilder("kubectl", "kustomize", dir.toString())
                    .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? Files.readString(out, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    static List<String> canonical(List<Map<String, Object>> objects) throws IOException {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            out.add(CANONICAL.writeValueAsString(object));
        }
        out.sort(String::compareTo);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void rendersLikeKubectlKustomize(String overlay) throws Exception {
        Path dir = Repo.K8S.resolve("overlays").resolve(overlay);
        String kubectl = kubectlKustomize(dir);
        assumeTrue(kubectl != null, "kubectl kustomize is not available here; the offline renderer alone is used");
        assertThat(canonical(Kustomize.render(dir))).containsExactlyElementsOf(canonical(Yamls.documents(kubectl, "kubectl kustomize")));
    }
}
