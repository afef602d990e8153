package org.opencredit.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The embedded MongoDB-wire server ({@link MongoWireServer#main}, memory backend) in a JVM of its own,
 * for latency benchmarks. In one JVM with the load generator, the store's heap (every stored document,
 * about 1 GB with 100,000 ledgers) makes that JVM's young collections take 40-90 ms, and each such pause
 * delays the sending and timing of every request due meanwhile: measured 2026-12-04, those pauses were
 * the credit-check bench's slowest seconds. A real deployment's MongoDB is not a JVM at all; a store JVM
 * with a concurrent collector is the nearest thing these machines have.
 * <p>
 * JVM options: {@code -Dbench.store.jvm} (default {@value #DEFAULT_JVM}).
 */
public final class StoreProcess implements AutoCloseable {

    static final String DEFAULT_JVM = "-Xmx3g -XX:+UseZGC";

    private final Process process;
    private final int port;

    private StoreProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the store on a free port and waits until it accepts connections (at most 60 s). */
    public static StoreProcess start() throws IOException, InterruptedException {
        int port = FreePorts.next();
        Path log = Files.createTempFile("opencredit-store-", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(System.getProperty("bench.store.jvm", DEFAULT_JVM).trim().split("\\s+")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        if (ClassLoader.getSystemClassLoader().getResource(MongoWireServer.class.getName().replace('.', '/') + ".class") != null) {
            command.add(MongoWireServer.class.getName());
        } else {
            // inside a Spring Boot executable jar (the bench jar): the test kit is a nested jar its launcher finds
            command.addAll(List.of("-Dloader.main=" + MongoWireServer.class.getName(), "org.springframework.boot.loader.launch.PropertiesLauncher"));
        }
        command.add(Integer.toString(port));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(log).contains("ready on")) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IllegalStateException("the store JVM did not start; its log: " + log + "\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        System.out.printf("store: MongoDB-wire server (memory backend) in its own JVM (%s), %s, log %s%n",
                String.join(" ", command.subList(1, command.indexOf("-cp"))), "mongodb://127.0.0.1:" + port, log);
        StoreProcess store = new StoreProcess(p, port);
        Runtime.getRuntime().addShutdownHook(new Thread(store::close, "store-process-stop"));
        return store;
    }

    /** {@code mongodb://127.0.0.1:<port>}. */
    public String connectionString() {
        return "mongodb://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
