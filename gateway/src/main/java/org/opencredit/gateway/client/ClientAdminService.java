package org.opencredit.gateway.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.opencredit.contracts.catalogue.Catalogue;
import org.opencredit.contracts.security.ClientKind;
import org.opencredit.contracts.security.Scopes;
import org.opencredit.gateway.problem.GatewayProblem;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;

import reactor.core.publisher.Mono;

/**
 * The credit office's administration of API clients: create, rotate keys, revoke. Every change
 * is written with an optimistic revision check and applied to this instance's directory at once;
 * other instances pick it up on their next poll.
 */
public class ClientAdminService {

    /** Rotation grace period when the caller names none: long enough for a department to redeploy. */
    public static final Duration DEFAULT_GRACE = Duration.ofHours(24);
    public static final Duration MAX_GRACE = Duration.ofDays(30);

    private final ReactiveMongoTemplate mongo;
    private final ClientDirectory directory;
    private final ApiKeys keys;
    private final Clock clock;
    private final Set<String> departments;

    public ClientAdminService(ReactiveMongoTemplate mongo, ClientDirectory directory, ApiKeys keys, Clock clock, Catalogue catalogue) {
        this.mongo = mongo;
        this.directory = directory;
        this.keys = keys;
        this.clock = clock;
        this.departments = catalogue.departments().stream().map(org.opencredit.contracts.catalogue.Department::code).collect(java.util.stream.Collectors.toSet());
    }

    /** A new client with its first key; the key is in the result and nowhere else. */
    public Mono<IssuedKey> create(ClientRequests.Create request, String actor) {
        ClientKind kind = request.kind();
        String id = request.id() == null || request.id().isBlank() ? null : request.id().trim();
        if (id != null && !id.matches("[a-z0-9][a-z0-9-]{2,62}")) {
            throw invalid("id", "'" + id + "' is not a valid client id: use 3-63 lowercase letters, digits and '-', starting with a letter or digit, "
                    + "or leave it out to get a generated one");
        }
        if (request.name() == null || request.name().isBlank()) {
            throw invalid("name", "name is required: the organisation or system the client belongs to");
        }
        if (kind == null) {
            throw invalid("kind", "kind is required: one of DEPARTMENT, PARTNER, OFFICE, OPS");
        }
        String department = request.department() == null || request.department().isBlank() ? null : request.department().trim();
        if (kind == ClientKind.DEPARTMENT && department == null) {
            throw invalid("department", "a DEPARTMENT client needs its department code, one of " + new TreeSet<>(departments));
        }
        if (kind != ClientKind.DEPARTMENT && department != null) {
            throw invalid("department", "only DEPARTMENT clients carry a department code; remove it for a " + kind + " client");
        }
        if (department != null && !departments.contains(department)) {
            throw invalid("department", "unknown department code '" + department + "'; known codes: " + new TreeSet<>(departments));
        }
        Set<String> scopes = scopes(request.scopes(), kind);
        ApiClient.Limits limits = limits(request.limits(), kind);
        Instant now = clock.instant();
        Instant expiresAt = expiry(request.keyExpiresAt(), now);
        String key = newKey();
        String clientId = id != null ? id : kind.name().toLowerCase() + "-" + ApiKeys.prefixOf(key);
        String region = region(request.region());
        ApiClient client = new ApiClient(clientId, request.name().trim(), kind, department, scopes, limits,
                ApiClient.Status.ACTIVE, List.of(new ApiClient.Key(ApiKeys.prefixOf(key), keys.hash(key), now, expiresAt, null, null)),
                now, actor, now, 1, region);
        return mongo.insert(client)
                .onErrorMap(DuplicateKeyException.class, e -> new GatewayProblem(HttpStatus.CONFLICT, "client-exists", "Client exists",
                        "an API client with id '" + clientId + "' already exists; choose another id or rotate that client's key"))
                .doOnNext(directory::apply)
                .map(saved -> new IssuedKey(ClientView.of(saved, now), key));
    }

    /** A new key for the client; its current keys stay valid for the grace period, then stop. */
    public Mono<IssuedKey> rotate(String id, ClientRequests.Rotate request) {
        Instant now = clock.instant();
        Duration grace = request == null || request.gracePeriodSeconds() == null ? DEFAULT_GRACE
                : Duration.ofSeconds(request.gracePeriodSeconds());
        if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
            throw invalid("gracePeriodSeconds", "gracePeriodSeconds must be between 0 (old keys stop at once) and " + MAX_GRACE.toSeconds());
        }
        Instant expiresAt = expiry(request == null ? null : request.keyExpiresAt(), now);
        String key = newKey();
        return change(id, client -> {
            if (client.status() == ApiClient.Status.REVOKED) {
                throw new GatewayProblem(HttpStatus.CONFLICT, "client-revoked", "Client revoked",
                        "client '" + id + "' is revoked; create a new client instead of rotating a revoked one");
            }
            Instant retire = now.plus(grace);
            List<ApiClient.Key> next = new ArrayList<>();
            for (ApiClient.Key k : client.keys()) {
                boolean live = k.rejection(now) == null;
                next.add(live && (k.retiresAt() == null || k.retiresAt().isAfter(retire))
                        ? new ApiClient.Key(k.prefix(), k.hash(), k.createdAt(), k.expiresAt(), retire, k.revokedAt()) : k);
            }
            next.add(new ApiClient.Key(ApiKeys.prefixOf(key), keys.hash(key), now, expiresAt, null, null));
            return withKeys(client, prune(next, now), now);
        }).map(saved -> new IssuedKey(ClientView.of(saved, now), key));
    }

    /** Revokes the whole client: every key stops on every gateway within seconds. */
    public Mono<ClientView> revoke(String id) {
        Instant now = clock.instant();
        return change(id, client -> new ApiClient(client.id(), client.name(), client.kind(), client.department(), client.scopes(),
                client.limits(), ApiClient.Status.REVOKED,
                client.keys().stream().map(k -> k.revokedAt() != null ? k
                        : new ApiClient.Key(k.prefix(), k.hash(), k.createdAt(), k.expiresAt(), k.retiresAt(), now)).toList(),
                client.createdAt(), client.createdBy(), now, client.revision() + 1, client.region()))
                .map(saved -> ClientView.of(saved, now));
    }

    /** Revokes one key (a leaked one), leaving the client's other keys working. */
    public Mono<ClientView> revokeKey(String id, String prefix) {
        Instant now = clock.instant();
        return change(id, client -> {
            if (client.keys().stream().noneMatch(k -> k.prefix().equals(prefix))) {
                throw new GatewayProblem(HttpStatus.NOT_FOUND, "key-not-found", "Key not found",
                        "client '" + id + "' has no key with prefix '" + prefix + "'; list the client to see its key prefixes");
            }
            return withKeys(client, client.keys().stream().map(k -> !k.prefix().equals(prefix) || k.revokedAt() != null ? k
                    : new ApiClient.Key(k.prefix(), k.hash(), k.createdAt(), k.expiresAt(), k.retiresAt(), now)).toList(), now);
        }).map(saved -> ClientView.of(saved, now));
    }

    /** Changes scopes and limits; the new scopes are in the next token the gateway mints for the client. */
    public Mono<ClientView> update(String id, ClientRequests.Update request) {
        Instant now = clock.instant();
        return change(id, client -> new ApiClient(client.id(),
                request.name() == null || request.name().isBlank() ? client.name() : request.name().trim(),
                client.kind(), client.department(),
                request.scopes() == null ? client.scopes() : scopes(request.scopes(), client.kind()),
                request.limits() == null ? client.limits() : limits(request.limits(), client.kind()),
                client.status(), client.keys(), client.createdAt(), client.createdBy(), now, client.revision() + 1,
                request.region() == null ? client.region() : region(request.region())))
                .map(saved -> ClientView.of(saved, now));
    }

    public Mono<ClientView> get(String id) {
        return mongo.findById(id, ApiClient.class)
                .switchIfEmpty(Mono.error(() -> notFound(id)))
                .map(c -> ClientView.of(c, clock.instant()));
    }

    public Mono<List<ClientView>> list() {
        Instant now = clock.instant();
        return mongo.findAll(ApiClient.class)
                .map(c -> ClientView.of(c, now))
                .collectSortedList(Comparator.comparing(ClientView::id));
    }

    private Mono<ApiClient> change(String id, java.util.function.Function<ApiClient, ApiClient> change) {
        return mongo.findById(id, ApiClient.class)
                .switchIfEmpty(Mono.error(() -> notFound(id)))
                .flatMap(current -> {
                    ApiClient next = change.apply(current);
                    Query sameRevision = Query.query(Criteria.where("_id").is(id).and("revision").is(current.revision()));
                    return mongo.findAndReplace(sameRevision, next)
                            .switchIfEmpty(Mono.error(() -> new GatewayProblem(HttpStatus.CONFLICT, "concurrent-change", "Concurrent change",
                                    "client '" + id + "' was changed by someone else at the same time; read it again and repeat the change")))
                            .thenReturn(next);
                })
                .doOnNext(directory::apply);
    }

    private static ApiClient withKeys(ApiClient c, List<ApiClient.Key> keys, Instant now) {
        return new ApiClient(c.id(), c.name(), c.kind(), c.department(), c.scopes(), c.limits(), c.status(), keys,
                c.createdAt(), c.createdBy(), now, c.revision() + 1, c.region());
    }

    /** A GB/T 2260 county-, city- or province-level code, or null when left out. */
    private static String region(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String code = raw.trim();
        if (!code.matches("[1-8][0-9]{5}")) {
            throw invalid("region", "region must be the 6-digit GB/T 2260 code of the client's local government, e.g. 330106 "
                    + "(a county or district), 330100 (a city) or 330000 (the province); got '" + raw + "'");
        }
        return code;
    }

    /** Keys that have been dead for 90 days are dropped from the document (their prefixes stay unused). */
    private static List<ApiClient.Key> prune(List<ApiClient.Key> keys, Instant now) {
        Instant cutoff = now.minus(Duration.ofDays(90));
        return keys.stream().filter(k -> {
            Instant dead = k.revokedAt() != null ? k.revokedAt() : k.retiresAt() != null ? k.retiresAt() : k.expiresAt();
            return dead == null || dead.isAfter(cutoff);
        }).toList();
    }

    private String newKey() {
        String key = ApiKeys.generate();
        while (directory.prefixInUse(ApiKeys.prefixOf(key))) {
            key = ApiKeys.generate();
        }
        return key;
    }

    private static Set<String> scopes(List<String> requested, ClientKind kind) {
        if (requested == null || requested.isEmpty()) {
            throw invalid("scopes", "scopes are required; known scopes: " + new TreeSet<>(Scopes.ALL));
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (String s : requested) {
            if (!Scopes.ALL.contains(s)) {
                throw invalid("scopes", "unknown scope '" + s + "'; known scopes: " + new TreeSet<>(Scopes.ALL));
            }
            scopes.add(s);
        }
        if (scopes.contains(Scopes.ADMIN) && kind != ClientKind.OFFICE) {
            throw invalid("scopes", "the 'admin' scope is for OFFICE clients only");
        }
        if (kind == ClientKind.PARTNER && (scopes.contains(Scopes.RECORDS_WRITE) || scopes.contains(Scopes.PERSONS_WRITE)
                || scopes.contains(Scopes.ENTERPRISES_WRITE) || scopes.contains(Scopes.LISTS_WRITE))) {
            throw invalid("scopes", "PARTNER clients (credit agencies) may only read; remove the write scopes");
        }
        return Set.copyOf(scopes);
    }

    static ApiClient.Limits limits(ClientRequests.LimitsRequest requested, ClientKind kind) {
        ApiClient.Limits defaults = switch (kind) {
            case DEPARTMENT -> new ApiClient.Limits(50, 100, 2_000_000);
            case PARTNER -> new ApiClient.Limits(10, 20, 100_000);
            case OFFICE -> new ApiClient.Limits(20, 40, 200_000);
            case OPS -> new ApiClient.Limits(5, 10, 50_000);
        };
        if (requested == null) {
            return defaults;
        }
        double perSecond = requested.perSecond() == null ? defaults.perSecond() : requested.perSecond();
        int burst = requested.burst() == null ? Math.max(defaults.burst(), (int) Math.ceil(perSecond)) : requested.burst();
        long daily = requested.daily() == null ? defaults.daily() : requested.daily();
        if (!(perSecond > 0) || perSecond > 100_000) {
            throw invalid("limits.perSecond", "limits.perSecond must be greater than 0 and at most 100000");
        }
        if (burst < 1 || burst > 1_000_000) {
            throw invalid("limits.burst", "limits.burst must be between 1 and 1000000");
        }
        if (daily < 1) {
            throw invalid("limits.daily", "limits.daily must be at least 1");
        }
        return new ApiClient.Limits(perSecond, burst, daily);
    }

    private Instant expiry(Instant requested, Instant now) {
        if (requested != null && !requested.isAfter(now)) {
            throw invalid("keyExpiresAt", "keyExpiresAt " + requested + " is not in the future");
        }
        return requested;
    }

    private static GatewayProblem notFound(String id) {
        return new GatewayProblem(HttpStatus.NOT_FOUND, "client-not-found", "Client not found",
                "no API client has id '" + id + "'; GET /api/v1/admin/clients lists them");
    }

    private static GatewayProblem invalid(String field, String detail) {
        return new GatewayProblem(HttpStatus.BAD_REQUEST, "invalid-client", "Invalid client request", detail).field(field);
    }
}
