package org.opencredit.platform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.opencredit.testkit.KafkaBroker;
import org.opencredit.testkit.MongoWireServer;

/**
 * The embedded default: a real Kafka broker (KRaft) and the MongoDB-wire server (H2 file store) in
 * this JVM, their data under {@code .local/data} so a restart keeps it; Eureka, the four services
 * and the gateway as separate JVMs. Waits until every one is healthy, registered and routable,
 * prints where things are, and stops everything on Ctrl-C.
 * <p>
 * No static logger on purpose: the log folder must be known before logging starts.
 */
public final class LocalPlatform implements AutoCloseable {

    static final List<String> SERVICES = List.of("enterprise-credit-service", "personal-credit-service", "rating-service",
            "blacklist-service");
    /** Printed once everything is up; the end-to-end test waits for it. */
    public static final String READY_LINE = "OpenCredit is ready";

    private final PlatformConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<ServiceProcess> processes = new ArrayList<>();
    private volatile boolean stopping;
    private KafkaBroker kafka;
    private MongoWireServer mongo;
    private String mongoUri;
    private String kafkaBootstrap;
    private LocalSecrets secrets;

    LocalPlatform(PlatformConfig config) {
        this.config = config;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("secrets")) {
            // fresh secrets for a docker-compose or Kubernetes deployment, as .env lines; nothing is stored
            LocalSecrets.printFresh(System.out);
            return;
        }
        PlatformConfig config = PlatformConfig.fromEnvironment(System.getenv());
        Files.createDirectories(config.logDir());
        System.setProperty("opencredit.logDir", config.logDir().toString());
        LocalPlatform platform = new LocalPlatform(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say("stopping ...");
            platform.close();
            say("stopped; data kept in " + config.dataDir());
            stopped.countDown();
        }, "opencredit-stop"));
        try {
            platform.start();
        } catch (RuntimeException e) {
            System.err.println("[opencredit] FAILED: " + e.getMessage());
            System.exit(1);
        }
        platform.watch();
    }

    void start() {
        long t0 = System.nanoTime();
        say("starting OpenCredit from " + config.root() + " (data " + config.dataDir() + ", logs " + config.logDir() + ")");
        List<Integer> ports = new ArrayList<>(List.of(config.gatewayPort(), config.discoveryPort(), config.enterprisePort(),
                config.personalPort(), config.ratingPort(), config.blacklistPort()));
        if (config.externalKafka().isEmpty()) {
            ports.addAll(List.of(config.kafkaPort(), config.kafkaControllerPort()));
        }
        if (config.externalMongoUri().isEmpty()) {
            ports.add(config.mongoPort());
        }
        for (int port : ports) {
            requireFree(port);
        }
        startInfrastructure();
        secrets = LocalSecrets.load(config.home(), System.getenv());
        Map<String, String> env = serviceEnvironment();
        // services get only the public half of the token keys; the gateway alone holds secrets
        Map<String, String> serviceEnv = new LinkedHashMap<>(env);
        serviceEnv.put("OPENCREDIT_TOKEN_VERIFICATION_JWKS", secrets.verificationJwks());
        // the personal-data keys only to the service that holds personal data
        Map<String, String> personalEnv = new LinkedHashMap<>(serviceEnv);
        personalEnv.put(LocalSecrets.PERSONAL_ENCRYPTION_KEY, secrets.get(LocalSecrets.PERSONAL_ENCRYPTION_KEY));
        personalEnv.put(LocalSecrets.PERSONAL_HASH_KEY, secrets.get(LocalSecrets.PERSONAL_HASH_KEY));
        // the person pepper to both services that key person pseudonyms with it: the same value, so they agree
        personalEnv.put(LocalSecrets.PERSON_PEPPER, secrets.get(LocalSecrets.PERSON_PEPPER));
        Map<String, String> blacklistEnv = new LinkedHashMap<>(serviceEnv);
        blacklistEnv.put(LocalSecrets.PERSON_PEPPER, secrets.get(LocalSecrets.PERSON_PEPPER));
        Map<String, String> gatewayEnv = new LinkedHashMap<>(env);
        for (String name : List.of(LocalSecrets.PEPPER, LocalSecrets.SIGNING_JWKS, LocalSecrets.BOOTSTRAP_ADMIN_KEY)) {
            gatewayEnv.put(name, secrets.get(name));
        }
        processes.add(process("discovery", config.discoveryPort()));
        processes.add(process("enterprise-credit-service", config.enterprisePort()));
        processes.add(process("personal-credit-service", config.personalPort()));
        processes.add(process("rating-service", config.ratingPort()));
        processes.add(process("blacklist-service", config.blacklistPort()));
        processes.add(process("gateway", config.gatewayPort()));
        for (ServiceProcess p : processes) {
            p.start(config.jvmOptions(), p.name.equals("gateway") ? gatewayEnv
                    : p.name.equals("personal-credit-service") ? personalEnv
                    : p.name.equals("blacklist-service") ? blacklistEnv : serviceEnv);
            say("started " + p.name + " (pid " + p.pid() + ", port " + p.port + ")");
        }
        long deadline = System.nanoTime() + config.startupTimeout().toNanos();
        for (ServiceProcess p : processes) {
            awaitUntil(deadline, p, p.name + " healthy", () -> ready(p.port));
        }
        for (String service : SERVICES) {
            awaitUntil(deadline, processes.get(0), service + " registered in Eureka", () -> registered(service));
        }
        ServiceProcess gateway = processes.get(processes.size() - 1);
        for (String service : SERVICES) {
            awaitUntil(deadline, gateway, "gateway routing to " + service, () -> routable(service));
        }
        Map<String, String> demoKeys = demoClients();
        long seconds = Duration.ofNanos(System.nanoTime() - t0).toSeconds();
        say(READY_LINE + " after " + seconds + " s");
        say("  gateway      " + config.gatewayUrl() + "/api/v1/...");
        say("  Swagger UI   " + config.gatewayUrl() + "/swagger-ui.html");
        say("  Eureka       http://localhost:" + config.discoveryPort());
        say("  MongoDB      " + mongoUri + (config.externalMongoUri().isPresent() ? " (external)" : " (embedded, H2 file store)"));
        say("  Kafka        " + kafkaBootstrap + (config.externalKafka().isPresent() ? " (external)" : " (embedded KRaft broker)"));
        say("  logs         " + config.logDir());
        if (secrets.generated()) {
            say("  bootstrap admin key (printed only on this first start; kept in " + config.home().resolve("secrets.properties") + "):");
            say("               " + secrets.get(LocalSecrets.BOOTSTRAP_ADMIN_KEY));
        }
        say("  demo API keys (local only, kept in " + config.home().resolve("secrets.properties") + "):");
        demoKeys.forEach((client, key) -> say(String.format("    %-26s %s", client, key)));
        say("  try:  curl -H 'X-API-Key: " + demoKeys.get(DEMO_PARTNER) + "' " + config.gatewayUrl() + "/api/v1/catalogue");
        say("press Ctrl-C to stop");
    }

    static final String DEMO_DEPARTMENT = "demo-market-supervision";
    static final String DEMO_PARTNER = "demo-credit-agency";
    static final String DEMO_OFFICE = "demo-credit-office";

    /**
     * Demo clients for trying the platform locally, created through the gateway's admin API with
     * the bootstrap key on the first start; their keys are kept with the local secrets.
     */
    private Map<String, String> demoClients() {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put(DEMO_DEPARTMENT, "{\"id\":\"" + DEMO_DEPARTMENT + "\",\"name\":\"Demo: market supervision bureau\",\"kind\":\"DEPARTMENT\","
                + "\"department\":\"MARKET_SUPERVISION\",\"region\":\"350102\",\"scopes\":[\"enterprises:read\",\"enterprises:write\",\"records:write\",\"ratings:read\",\"lists:read\",\"credit-checks\"]}");
        bodies.put(DEMO_PARTNER, "{\"id\":\"" + DEMO_PARTNER + "\",\"name\":\"Demo: licensed credit agency\",\"kind\":\"PARTNER\","
                + "\"scopes\":[\"enterprises:read\",\"ratings:read\",\"lists:read\",\"credit-checks\",\"persons:read\"]}");
        bodies.put(DEMO_OFFICE, "{\"id\":\"" + DEMO_OFFICE + "\",\"name\":\"Demo: credit office\",\"kind\":\"OFFICE\","
                + "\"scopes\":[\"admin\",\"enterprises:read\",\"records:audit\",\"records:repair\",\"ratings:read\",\"ratings:admin\","
                + "\"lists:read\",\"lists:write\",\"credit-checks\",\"persons:read\",\"persons:write\"]}");
        Map<String, String> keys = new LinkedHashMap<>();
        String admin = secrets.get(LocalSecrets.BOOTSTRAP_ADMIN_KEY);
        bodies.forEach((client, body) -> {
            String key = secrets.demoKey(client);
            if (key == null) {
                HttpResponse<String> created = post("/api/v1/admin/clients", admin, body);
                if (created != null && created.statusCode() == 409) {
                    // the client exists but its key was not kept: issue a new one, the old stops now
                    created = post("/api/v1/admin/clients/" + client + "/keys", admin, "{\"gracePeriodSeconds\":0}");
                }
                java.util.regex.Matcher m = created == null ? null
                        : java.util.regex.Pattern.compile("\"key\"\\s*:\\s*\"(ock_[^\"]+)\"").matcher(created.body());
                if (m == null || !m.find()) {
                    throw new IllegalStateException("could not create the demo client " + client + " through the gateway: "
                            + (created == null ? "no answer" : created.statusCode() + " " + created.body()));
                }
                key = m.group(1);
                secrets.putDemoKey(client, key);
            }
            keys.put(client, key);
        });
        return keys;
    }

    private HttpResponse<String> post(String path, String apiKey, String json) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + config.gatewayPort() + path))
                    .header("X-API-Key", apiKey).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void startInfrastructure() {
        if (config.externalMongoUri().isPresent()) {
            mongoUri = config.externalMongoUri().get();
        } else {
            mongo = MongoWireServer.startWithFileStore(config.dataDir().resolve("mongo"), config.mongoPort());
            mongoUri = mongo.connectionString();
            say("MongoDB-wire server on " + mongoUri);
        }
        if (config.externalKafka().isPresent()) {
            kafkaBootstrap = config.externalKafka().get();
        } else {
            kafka = KafkaBroker.start(config.dataDir().resolve("kafka"), config.kafkaPort(), config.kafkaControllerPort());
            kafkaBootstrap = kafka.bootstrapServers();
            say("Kafka broker (KRaft) on " + kafkaBootstrap);
        }
    }

    private Map<String, String> serviceEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MONGODB_URI", mongoUri);
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        env.put("EUREKA_URL", config.eurekaUrl());
        // short intervals so a fresh lb:// route works within seconds (FIELD-NOTES: Gateway 5 + Eureka)
        env.put("EUREKA_FETCH_INTERVAL", "1");
        env.put("EUREKA_LEASE_RENEWAL", "1");
        env.put("EUREKA_LEASE_EXPIRATION", "3");
        env.put("LOADBALANCER_CACHE_TTL", "1s");
        return env;
    }

    private ServiceProcess process(String module, int port) {
        return new ServiceProcess(module, port, config.root().resolve(module).resolve("target").resolve(module + ".jar"),
                config.logDir().resolve(module + ".log"));
    }

    /** Keeps the launcher alive and reports a service that dies. */
    void watch() throws InterruptedException {
        List<String> reported = new ArrayList<>();
        while (true) {
            Thread.sleep(2000);
            for (ServiceProcess p : processes) {
                if (!stopping && !p.isAlive() && !reported.contains(p.name)) {
                    reported.add(p.name);
                    System.err.println("[opencredit] " + p.name + " stopped unexpectedly; last lines of " + p.log + ":\n" + p.tailOfLog(20));
                }
            }
        }
    }

    @Override
    public void close() {
        stopping = true;
        // gateway first, then the services together, discovery last: callers stop arriving before the services go
        List<ServiceProcess> gateway = processes.stream().filter(p -> p.name.equals("gateway")).toList();
        List<ServiceProcess> services = processes.stream().filter(p -> SERVICES.contains(p.name)).toList();
        List<ServiceProcess> discovery = processes.stream().filter(p -> p.name.equals("discovery")).toList();
        for (List<ServiceProcess> group : List.of(gateway, services, discovery)) {
            group.forEach(ServiceProcess::requestStop);
            group.forEach(p -> p.awaitStop(30));
        }
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (mongo != null) {
            mongo.close();
            mongo = null;
        }
    }

    private boolean ready(int port) {
        HttpResponse<String> r = get("http://127.0.0.1:" + port + "/actuator/health/readiness", "application/json");
        return r != null && r.statusCode() == 200 && r.body().contains("\"UP\"");
    }

    private boolean registered(String service) {
        HttpResponse<String> r = get(config.eurekaUrl() + "apps/" + service.toUpperCase(), "application/json");
        return r != null && r.statusCode() == 200 && r.body().contains("\"UP\"");
    }

    /** The gateway reaches the service through lb:// when the service's API document comes back. */
    private boolean routable(String service) {
        HttpResponse<String> r = get("http://127.0.0.1:" + config.gatewayPort() + "/v3/api-docs/" + service, "application/json");
        return r != null && r.statusCode() == 200 && r.body().contains("\"openapi\"");
    }

    private HttpResponse<String> get(String url, String accept) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).header("Accept", accept).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    private void awaitUntil(long deadline, ServiceProcess watched, String what, java.util.function.BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            if (!watched.isAlive()) {
                throw new IllegalStateException(watched.name + " exited while waiting for " + what + "; last lines of "
                        + watched.log + ":\n" + watched.tailOfLog(30));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + config.startupTimeout().toSeconds() + " s waiting for "
                        + what + "; see " + watched.log);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
        }
        say(what);
    }

    private static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " is already in use; stop what uses it or choose another port "
                    + "(see the ports table in README.md)");
        }
    }

    private static void say(String message) {
        System.out.println("[opencredit] " + message);
    }

}
