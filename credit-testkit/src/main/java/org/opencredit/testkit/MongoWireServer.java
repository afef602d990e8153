package org.opencredit.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded MongoDB-wire server ({@code de.bwaldvogel:mongo-java-server}): the real driver
 * talks the real wire protocol to it. Memory backend for tests, H2 file backend for local runs.
 * Not MongoDB: no transactions, no change streams, non-unique and TTL indexes are ignored.
 */
public final class MongoWireServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MongoWireServer.class);

    private final MongoServer server;
    private final MongoBackend backend;
    private final int port;

    private MongoWireServer(MongoBackend backend, int port) {
        this.backend = backend;
        this.server = new MongoServer(backend);
        this.server.bind("127.0.0.1", port);
        this.port = server.getLocalAddress().getPort();
    }

    /** In-memory, on a free port: for tests. */
    public static MongoWireServer startInMemory() {
        return new MongoWireServer(new MemoryBackend(), 0);
    }

    /** H2 file store under {@code dataDir}, so a clean restart keeps the data: for local runs. */
    public static MongoWireServer startWithFileStore(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = dataDir.resolve("opencredit.mv");
        MongoWireServer s = new MongoWireServer(new H2Backend(file.toAbsolutePath().toString()), port);
        log.info("MongoDB-wire server ready on {} with data in {}", s.connectionString(), file);
        return s;
    }

    /**
     * A store in a JVM of its own, for benchmarks that must not share the heap with the service under
     * test: {@code java -cp <testkit classpath> org.opencredit.testkit.MongoWireServer <port> [data-dir]} serves
     * the in-memory backend (or, with a data directory, the H2 file backend, whose documents are stored
     * serialised and need not fit the heap) on 127.0.0.1:&lt;port&gt; until the process is stopped.
     */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 27018;
        MongoWireServer s = args.length > 1 ? startWithFileStore(Path.of(args[1]), port) : new MongoWireServer(new MemoryBackend(), port);
        Runtime.getRuntime().addShutdownHook(new Thread(s::close, "mongo-wire-stop"));
        System.out.println("MongoDB-wire server (" + (args.length > 1 ? "H2 file backend in " + args[1] : "memory backend") + ") ready on "
                + s.connectionString());
        Thread.currentThread().join();
    }

    public int port() {
        return port;
    }

    /** {@code mongodb://127.0.0.1:<port>}: no database, each service names its own. */
    public String connectionString() {
        return "mongodb://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        // H2: flush and close the file store so a clean stop loses nothing
        backend.close();
    }
}
