package org.opencredit.k8scheck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.opencredit.contracts.events.Topics;

/** Paths of the repository and the facts of the code the manifests must agree with. */
final class Repo {
    static final Path ROOT = Path.of(System.getProperty("opencredit.root", "..")).toAbsolutePath().normalize();
    static final Path K8S = ROOT.resolve("k8s");
    static final Path DASHBOARDS = ROOT.resolve("observability/grafana/dashboards");
    static final List<String> OVERLAYS = List.of("dev", "prod");
    /** the gateway and the credit services: at least two replicas, autoscaled, in prod */
    static final List<String> SCALED = List.of("gateway", "enterprise-credit-service", "personal-credit-service", "rating-service",
            "blacklist-service");

    private Repo() {
    }

    /** Every topic the code uses and its dead-letter topic. */
    static List<String> topics() {
        List<String> out = new ArrayList<>();
        for (String topic : Topics.ALL) {
            out.add(topic);
            out.add(Topics.deadLetter(topic));
        }
        return out;
    }
}
