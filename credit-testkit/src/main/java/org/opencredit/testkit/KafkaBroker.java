package org.opencredit.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker in KRaft mode (one node, broker and controller), running in this JVM
 * from the Kafka jars. Its log directory is formatted once with a fixed cluster id, so a broker
 * started again on the same directory keeps its topics, messages and consumer offsets.
 */
public final class KafkaBroker implements AutoCloseable {

    /** Fixed so that a restarted local platform recognises its own data folder. */
    public static final String CLUSTER_ID = "T3BlbkNyZWRpdExvY2FsMQ";
    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;

    private KafkaBroker(Path logDir, int port, int controllerPort) {
        this.logDir = logDir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** A broker on free ports with a throw-away log directory: for tests. */
    public static KafkaBroker startTemporary() {
        try {
            Path dir = Files.createTempDirectory("opencredit-kafka-");
            KafkaBroker broker = start(dir, FreePorts.next(), FreePorts.next());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A broker on fixed ports keeping its data in {@code logDir}: for the local platform. */
    public static KafkaBroker start(Path logDir, int port, int controllerPort) {
        KafkaBroker broker = new KafkaBroker(logDir, port, controllerPort);
        broker.startServer();
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    private void startServer() {
        try {
            Files.createDirectories(logDir);
            Properties props = properties();
            Path file = logDir.resolveSibling(logDir.getFileName() + "-server.properties");
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                props.store(w, "OpenCredit single-node KRaft broker");
            }
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int rc = StorageTool.execute(new String[]{"format", "-t", CLUSTER_ID, "-c", file.toString(), "--ignore-formatted"},
                        new PrintStream(out, true, StandardCharsets.UTF_8));
                if (rc != 0) {
                    throw new IllegalStateException("formatting Kafka log dir failed: " + out.toString(StandardCharsets.UTF_8));
                }
            }
            server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            awaitReady(Duration.ofSeconds(60));
            log.info("Kafka broker (KRaft) ready on {} with data in {}", bootstrapServers(), logDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("num.partitions", "3");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "3");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        p.put("log.retention.hours", "-1");
        return p;
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4000))) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka broker did not become ready on " + bootstrapServers(), e);
                    }
                }
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp dir left behind is harmless
        }
    }
}
