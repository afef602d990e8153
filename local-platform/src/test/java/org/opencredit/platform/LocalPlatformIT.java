package org.opencredit.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.opencredit.contracts.identifier.Uscc;
import org.opencredit.testkit.FreePorts;

/**
 * Starts the platform exactly as the README's run command does ({@code java -jar
 * local-platform/target/local-platform.jar} from the repository root, after the build), on free
 * ports and a fresh data folder, and drives the first flow through the gateway only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalPlatformIT {

    static Process platform;
    static Path output;
    static String gateway;
    static List<ProcessHandle> children;
    static Path home;
    static int enterprisePort;
    static final Map<String, Integer> ports = new java.util.LinkedHashMap<>();
    static java.util.Properties secrets;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startPlatformAsTheReadmeDoes() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        home = Files.createTempDirectory("opencredit-e2e-");
        output = home.resolve("launcher.out");
        int gatewayPort = FreePorts.next();
        gateway = "http://127.0.0.1:" + gatewayPort;
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "local-platform/target/local-platform.jar")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        env.remove("MONGODB_URI");
        env.remove("KAFKA_BOOTSTRAP_SERVERS");
        env.put("OPENCREDIT_HOME", home.toString());
        env.put("GATEWAY_PORT", Integer.toString(gatewayPort));
        for (String name : List.of("DISCOVERY_PORT", "ENTERPRISE_PORT", "PERSONAL_PORT", "RATING_PORT", "BLACKLIST_PORT",
                "KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "MONGO_PORT")) {
            env.put(name, Integer.toString(FreePorts.next()));
        }
        enterprisePort = Integer.parseInt(env.get("ENTERPRISE_PORT"));
        ports.put("gateway", gatewayPort);
        ports.put("enterprise-credit-service", enterprisePort);
        ports.put("personal-credit-service", Integer.parseInt(env.get("PERSONAL_PORT")));
        ports.put("rating-service", Integer.parseInt(env.get("RATING_PORT")));
        ports.put("blacklist-service", Integer.parseInt(env.get("BLACKLIST_PORT")));
        for (String secret : List.of("OPENCREDIT_KEY_PEPPER", "OPENCREDIT_TOKEN_SIGNING_JWKS", "OPENCREDIT_BOOTSTRAP_ADMIN_KEY",
                "OPENCREDIT_TOKEN_VERIFICATION_JWKS", "OPENCREDIT_PERSONAL_ENCRYPTION_KEY", "OPENCREDIT_PERSONAL_HASH_KEY", "OPENCREDIT_PERSON_PEPPER")) {
            env.remove(secret); // the launcher generates the local ones
        }
        env.put("OPENCREDIT_STARTUP_TIMEOUT_SECONDS", "300");
        platform = builder.start();
        await().atMost(Duration.ofSeconds(320)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            String out = launcherOutput();
            if (!platform.isAlive()) {
                throw new AssertionError("the platform exited during startup:\n" + out);
            }
            return out.contains(LocalPlatform.READY_LINE);
        });
        children = platform.descendants().toList();
        secrets = new java.util.Properties();
        try (var in = Files.newBufferedReader(home.resolve("secrets.properties"))) {
            secrets.load(in);
        }
    }

    static String demoKey(String client) {
        return secrets.getProperty("demo." + client);
    }

    static final String DEPARTMENT = LocalPlatform.DEMO_DEPARTMENT;
    static final String PARTNER = LocalPlatform.DEMO_PARTNER;
    static final String OFFICE = LocalPlatform.DEMO_OFFICE;

    @AfterAll
    static void stop() throws Exception {
        if (platform != null && platform.isAlive()) {
            platform.destroy();
            platform.waitFor(120, TimeUnit.SECONDS);
        }
    }

    static String launcherOutput() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    static HttpResponse<String> post(String path, String client, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(gateway + path)).header("Content-Type", "application/json"), demoKey(client),
                HttpRequest.BodyPublishers.ofString(json));
    }

    static HttpResponse<String> postWithKey(String path, String key, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(gateway + path)).header("Content-Type", "application/json"), key,
                HttpRequest.BodyPublishers.ofString(json));
    }

    static HttpResponse<String> get(String path, String client) throws Exception {
        return getWithKey(path, demoKey(client));
    }

    static HttpResponse<String> getWithKey(String path, String key) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(gateway + path)), key, null);
    }

    static HttpResponse<String> send(HttpRequest.Builder request, String key, HttpRequest.BodyPublisher body) throws Exception {
        if (key != null) {
            request.header("X-API-Key", key);
        }
        request.timeout(Duration.ofSeconds(30));
        return http.send(body == null ? request.GET().build() : request.POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A client created through the admin API with the demo office key; returns its key. */
    static String newClient(String json) throws Exception {
        HttpResponse<String> created = post("/api/v1/admin/clients", OFFICE, json);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"key\":\"(ock_[^\"]+)\"").matcher(created.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    @Order(1)
    void theFirstFlowWorksThroughTheGatewayOnly() throws Exception {
        assertThat(launcherOutput()).contains("Swagger UI").contains("logs");
        assertThat(children).hasSize(6);

        String first17 = "91350100MA2YE2E01";
        String code = first17 + Uscc.checkCharacter(first17);

        assertThat(launcherOutput()).contains(demoKey(PARTNER)).contains("bootstrap admin key");

        HttpResponse<String> created = post("/api/v1/enterprises", DEPARTMENT, "{\"uscc\":\"" + code + "\",\"name\":\"端到端测试有限公司\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"regionCode\":\"350100\"").contains("\"entityKind\":\"enterprise\"");

        char wrong = code.charAt(17) == '0' ? '1' : '0';
        HttpResponse<String> invalid = post("/api/v1/enterprises", DEPARTMENT, "{\"uscc\":\"" + first17 + wrong + "\",\"name\":\"x\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(invalid.body()).contains("require '" + code.charAt(17) + "'");

        HttpResponse<String> duplicate = post("/api/v1/enterprises", DEPARTMENT, "{\"uscc\":\"" + code + "\",\"name\":\"again\"}");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(get("/api/v1/enterprises/" + code, PARTNER).body()).contains("端到端测试有限公司");

        // the subject registered event reaches rating-service (which rates it: no records, grade B) and the list read model
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            HttpResponse<String> rating = get("/api/v1/ratings/" + code, PARTNER);
            assertThat(rating.statusCode()).isEqualTo(200);
            assertThat(rating.body()).contains("端到端测试有限公司").contains("\"grade\":\"B\"").contains("\"score\":820")
                    .contains("\"model\":\"enterprise@2026.1\"");
        });
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            HttpResponse<String> listing = get("/api/v1/lists/subjects/" + code, PARTNER);
            assertThat(listing.statusCode()).isEqualTo(200);
            assertThat(listing.body()).contains("\"restricted\":false");
        });

        // the demo department's client belongs to a local government (350102): its requests count as that
        // government using the platform in the credit office's regional report
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> report = get("/api/v1/reports/regional", OFFICE);
            assertThat(report.statusCode()).isEqualTo(200);
            assertThat(report.body()).containsPattern("\"code\":\"LOCAL_GOVERNMENT_USAGE\"[^}]*\"numerator\":[1-9]");
        });

        HttpResponse<String> identity = post("/api/v1/persons/identity-checks", PARTNER, "{\"identityNumber\":\"11010519491231002X\"}");
        assertThat(identity.statusCode()).isEqualTo(200);
        assertThat(identity.body()).contains("110105********002X");
    }

    // ---- the security matrix, through the real gateway and services --------------------------------

    @Test
    @Order(2)
    void withoutAKeyOrWithAWrongKeyTheGatewayAnswers401WithAChallenge() throws Exception {
        HttpResponse<String> none = getWithKey("/api/v1/catalogue", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("ApiKey realm=\"OpenCredit\"");
        assertThat(none.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        String key = demoKey(PARTNER);
        HttpResponse<String> wrong = getWithKey("/api/v1/catalogue", key.substring(0, 57) + (key.endsWith("A") ? "B" : "A"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(getWithKey("/api/v1/catalogue", key).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void revokedExpiredAndRotatedKeysStopWorking() throws Exception {
        String revoked = newClient("{\"id\":\"it-revoked\",\"name\":\"x\",\"kind\":\"PARTNER\",\"scopes\":[\"enterprises:read\"]}");
        assertThat(getWithKey("/api/v1/catalogue", revoked).statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/admin/clients/it-revoked/revoke", OFFICE, "").statusCode()).isEqualTo(200);
        assertThat(getWithKey("/api/v1/catalogue", revoked).statusCode()).isEqualTo(401);

        String expiring = newClient("{\"id\":\"it-expiring\",\"name\":\"x\",\"kind\":\"PARTNER\",\"scopes\":[\"enterprises:read\"],"
                + "\"keyExpiresAt\":\"" + java.time.Instant.now().plusSeconds(3) + "\"}");
        String rotating = newClient("{\"id\":\"it-rotating\",\"name\":\"x\",\"kind\":\"PARTNER\",\"scopes\":[\"enterprises:read\"]}");
        HttpResponse<String> rotated = post("/api/v1/admin/clients/it-rotating/keys", OFFICE, "{\"gracePeriodSeconds\":3}");
        assertThat(rotated.statusCode()).isEqualTo(201);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"key\":\"(ock_[^\"]+)\"").matcher(rotated.body());
        assertThat(m.find()).isTrue();
        String fresh = m.group(1);
        assertThat(getWithKey("/api/v1/catalogue", expiring).statusCode()).isEqualTo(200);
        assertThat(getWithKey("/api/v1/catalogue", rotating).statusCode()).as("old key in its grace period").isEqualTo(200);
        assertThat(getWithKey("/api/v1/catalogue", fresh).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(getWithKey("/api/v1/catalogue", expiring).statusCode()).isEqualTo(401);
            assertThat(getWithKey("/api/v1/catalogue", rotating).statusCode()).as("old key after its grace period").isEqualTo(401);
        });
        assertThat(getWithKey("/api/v1/catalogue", fresh).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void theServicesEnforceScopesAndDepartmentEntitlementsFromTheToken() throws Exception {
        // a partner may read but not register subjects: the service answers 403 naming the scope
        HttpResponse<String> partnerWrites = post("/api/v1/enterprises", PARTNER,
                "{\"uscc\":\"" + uscc("91350100MA2YE2E02") + "\",\"name\":\"x\"}");
        assertThat(partnerWrites.statusCode()).isEqualTo(403);
        assertThat(partnerWrites.body()).contains("enterprises:write");

        // a court's system may not submit administrative penalties, whatever headers it adds
        String court = newClient("{\"id\":\"it-court\",\"name\":\"x\",\"kind\":\"DEPARTMENT\",\"department\":\"COURT\","
                + "\"scopes\":[\"records:write\"]}");
        String code = uscc("91350100MA2YE2E03");
        assertThat(post("/api/v1/enterprises", DEPARTMENT, "{\"uscc\":\"" + code + "\",\"name\":\"权限测试有限公司\"}").statusCode()).isEqualTo(201);
        String penalty = """
                {"category":"ADMIN_PENALTY","severity":"GENERAL","departmentRecordId":"IT-1","uscc":"%s","subjectName":"权限测试有限公司",
                 "decisionDate":"%s","penalty":{"documentNumber":"IT-1","violationType":"无证经营","penaltyCategory":"罚款",
                 "penaltyContent":"c","fineAmount":1000,"authority":"福州市市场监督管理局"}}""".formatted(code,
                java.time.LocalDate.now().minusDays(2));
        HttpResponse<String> forged = send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/records"))
                .header("Content-Type", "application/json")
                .header("X-OpenCredit-Department", "MARKET_SUPERVISION")
                .header("X-OpenCredit-Caller", DEPARTMENT), court, HttpRequest.BodyPublishers.ofString(penalty));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("category-not-entitled");
        assertThat(post("/api/v1/records", DEPARTMENT, penalty).statusCode()).isEqualTo(201);

        // a partner without the persons scope reads no personal data
        String enterpriseOnly = newClient("{\"id\":\"it-enterprise-only\",\"name\":\"x\",\"kind\":\"PARTNER\",\"scopes\":[\"enterprises:read\"]}");
        HttpResponse<String> personal = postWithKey("/api/v1/persons/identity-checks", enterpriseOnly, "{\"identityNumber\":\"11010519491231002X\"}");
        assertThat(personal.statusCode()).isEqualTo(403);
        assertThat(personal.body()).doesNotContain("110105");
    }

    @Test
    @Order(5)
    void aCallThatBypassesTheGatewayIsRefused() throws Exception {
        HttpRequest direct = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + enterprisePort + "/api/v1/catalogue"))
                .header("X-OpenCredit-Caller", DEPARTMENT).header("X-OpenCredit-Department", "MARKET_SUPERVISION")
                .header("X-API-Key", demoKey(OFFICE)).GET().build();
        HttpResponse<String> response = http.send(direct, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        // a token of one's own making is no better
        HttpRequest forged = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + enterprisePort + "/api/v1/catalogue"))
                .header("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJldmlsIiwic2NvcGUiOiJlbnRlcnByaXNlczpyZWFkIn0.").GET().build();
        assertThat(http.send(forged, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(6)
    void anOversizedBodyIsRefusedAtTheGateway() throws Exception {
        HttpResponse<String> big = post("/api/v1/enterprises", DEPARTMENT, "{\"name\":\"" + "x".repeat(1_200_000) + "\"}");
        assertThat(big.statusCode()).isEqualTo(413);
    }

    @Test
    @Order(7)
    void aClientOverItsQuotaGets429AndRecovers() throws Exception {
        String key = newClient("{\"id\":\"it-limited\",\"name\":\"x\",\"kind\":\"PARTNER\",\"scopes\":[\"enterprises:read\"],"
                + "\"limits\":{\"perSecond\":1,\"burst\":2}}");
        assertThat(getWithKey("/api/v1/catalogue", key).statusCode()).isEqualTo(200);
        assertThat(getWithKey("/api/v1/catalogue", key).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = getWithKey("/api/v1/catalogue", key);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(getWithKey("/api/v1/catalogue", key).statusCode()).isEqualTo(200));
    }

    @Test
    @Order(8)
    void aPartnerReadsPersonalDataOnlyWithPurposeAndConsent() throws Exception {
        HttpResponse<String> registered = post("/api/v1/persons", OFFICE, "{\"identityNumber\":\"11010519491231002X\",\"name\":\"陈小明\"}");
        assertThat(registered.statusCode()).as(registered.body()).isIn(201, 409);
        String lookup = "{\"identityNumber\":\"11010519491231002X\"}";
        HttpResponse<String> noConsent = send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/persons/lookup"))
                .header("Content-Type", "application/json").header("X-Purpose", "HIRING"), demoKey(PARTNER),
                HttpRequest.BodyPublishers.ofString(lookup));
        assertThat(noConsent.statusCode()).isEqualTo(403);
        assertThat(noConsent.body()).contains("consent-required").doesNotContain("陈小明").doesNotContain("19491231");
        HttpResponse<String> noPurpose = send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/persons/lookup"))
                .header("Content-Type", "application/json").header("X-Consent-Reference", "WA-2026-0042"), demoKey(PARTNER),
                HttpRequest.BodyPublishers.ofString(lookup));
        assertThat(noPurpose.statusCode()).isEqualTo(403);
        HttpResponse<String> unregistered = send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/persons/lookup"))
                .header("Content-Type", "application/json").header("X-Purpose", "HIRING").header("X-Consent-Reference", "WA-2026-0042"),
                demoKey(PARTNER), HttpRequest.BodyPublishers.ofString(lookup));
        assertThat(unregistered.statusCode()).as("a consent reference the credit office never registered").isEqualTo(403);
        assertThat(unregistered.body()).contains("consent-unknown").doesNotContain("陈小明");
        // the credit office registers the person's written authorisation for this partner and purpose
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        HttpResponse<String> consent = post("/api/v1/persons/consents", OFFICE, """
                {"reference":"WA-2026-0042","identityNumber":"11010519491231002X","name":"陈小明","client":"%s","purposes":["HIRING"],
                 "validFrom":"%s","validUntil":"%s"}""".formatted(PARTNER, today.minusDays(1), today.plusYears(1)));
        assertThat(consent.statusCode()).as(consent.body()).isEqualTo(201);
        HttpResponse<String> allowed = send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/persons/lookup"))
                .header("Content-Type", "application/json").header("X-Purpose", "HIRING").header("X-Consent-Reference", "WA-2026-0042"),
                demoKey(PARTNER), HttpRequest.BodyPublishers.ofString(lookup));
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
        assertThat(allowed.body()).contains("110105********002X").doesNotContain("11010519491231002X");
    }

    @Test
    @Order(50)
    void everyMetricADashboardOrAlertQueriesIsExportedByTheRunningPlatform() throws Exception {
        // after the flows above (records stored, events published and consumed, 401s, 429s, a personal read
        // refused for want of consent) the steps the credit pipeline board shows: a list entry proposed and
        // notified, a credit check, a partner throttled for probing personal data
        String court = newClient("{\"id\":\"it-metrics-court\",\"name\":\"x\",\"kind\":\"DEPARTMENT\",\"department\":\"COURT\","
                + "\"scopes\":[\"lists:read\",\"lists:write\"]}");
        String listed = uscc("91350100MA2YE2E05");
        HttpResponse<String> proposed = postWithKey("/api/v1/list-entries", court, """
                {"listType":"JUDGMENT_DEFAULTER","uscc":"%s","subjectName":"指标测试有限公司","facts":"有履行能力而拒不履行",
                 "decisionNumber":"（2026）闽0102执9001号"}""".formatted(listed));
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
        String entry = proposed.headers().firstValue("Location").orElseThrow().replaceFirst(".*/", "");
        HttpResponse<String> notified = postWithKey("/api/v1/list-entries/" + entry + "/steps", court,
                "{\"action\":\"NOTIFY\",\"reason\":\"决定书已送达\"}");
        assertThat(notified.statusCode()).as(notified.body()).isEqualTo(200);
        HttpResponse<String> check = post("/api/v1/credit-checks", PARTNER,
                "{\"uscc\":\"" + listed + "\",\"scenario\":\"GOVERNMENT_PROCUREMENT\",\"purpose\":\"政府采购供应商资格审查\"}");
        assertThat(check.statusCode()).as(check.body()).isEqualTo(200);
        // a partner refused again and again within a minute is taken for an enumerator and throttled (429)
        String prober = newClient("{\"id\":\"it-metrics-prober\",\"name\":\"x\",\"kind\":\"PARTNER\",\"scopes\":[\"persons:read\"],"
                + "\"limits\":{\"perSecond\":50,\"burst\":50}}");
        int status = 0;
        for (int i = 0; i < 30 && status != 429; i++) {
            HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/persons/lookup"))
                    .header("Content-Type", "application/json").header("X-Purpose", "HIRING"), prober,
                    HttpRequest.BodyPublishers.ofString("{\"identityNumber\":\"11010519491231002X\"}"));
            status = refused.statusCode();
            assertThat(status).as(refused.body()).isIn(403, 429);
        }
        assertThat(status).as("throttled after repeated refusals").isEqualTo(429);

        java.util.Set<String> exported = new java.util.TreeSet<>();
        Map<String, java.util.Set<String>> labels = new java.util.TreeMap<>();
        for (var service : ports.entrySet()) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + service.getValue() + "/actuator/prometheus")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(service.getKey()).isEqualTo(200);
            // the common tags are on every meter, so on every sample of the page
            assertThat(MetricNames.withoutLabel(page.body(), "application", service.getKey())).as(service.getKey() + " meters without application")
                    .isEmpty();
            assertThat(MetricNames.withoutLabel(page.body(), "region", "350000")).as(service.getKey() + " meters without region").isEmpty();
            exported.addAll(MetricNames.exported(page.body()));
            MetricNames.exportedLabels(page.body()).forEach((name, names) -> labels.computeIfAbsent(name, k -> new java.util.TreeSet<>()).addAll(names));
        }
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> missing = new java.util.ArrayList<>();
        missing.addAll(MetricNames.missing(MetricNames.dashboardExpressions(root.resolve("observability/grafana/dashboards")), exported));
        missing.addAll(MetricNames.missing(MetricNames.ruleExpressions(root.resolve("observability/prometheus/rules")), exported));
        assertThat(missing).as("metrics queried by a dashboard or an alert but exported by no service").isEmpty();
        List<String> unlabelled = new java.util.ArrayList<>();
        unlabelled.addAll(MetricNames.missingLabels(MetricNames.dashboardExpressions(root.resolve("observability/grafana/dashboards")), labels));
        unlabelled.addAll(MetricNames.missingLabels(MetricNames.ruleExpressions(root.resolve("observability/prometheus/rules")), labels));
        assertThat(unlabelled).as("label matchers of a dashboard or an alert on a label the metric does not carry").isEmpty();
    }

    static String uscc(String first17) {
        return first17 + Uscc.checkCharacter(first17);
    }

    @Test
    @Order(100)
    void stopsEveryProcessCleanlyOnTermination() throws Exception {
        platform.destroy(); // SIGTERM, what Ctrl-C's SIGINT also triggers: the launcher's shutdown hook
        assertThat(platform.waitFor(120, TimeUnit.SECONDS)).as("launcher stopped").isTrue();
        assertThat(children).allSatisfy(child -> assertThat(child.isAlive()).as("pid " + child.pid()).isFalse());
        assertThat(launcherOutput()).contains("stopping ...").contains("stopped; data kept in")
                .doesNotContain("stopped unexpectedly");
    }
}
