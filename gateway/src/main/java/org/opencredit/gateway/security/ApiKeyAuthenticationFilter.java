package org.opencredit.gateway.security;

import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;

import org.opencredit.contracts.security.ClientKind;
import org.opencredit.contracts.security.InternalToken;
import org.opencredit.contracts.security.Purposes;
import org.opencredit.contracts.security.Scopes;
import org.opencredit.gateway.client.ApiClient;
import org.opencredit.gateway.client.ApiKeys;
import org.opencredit.gateway.client.ClientDirectory;
import org.opencredit.gateway.problem.GatewayProblem;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * Authenticates every request under {@code /api/}: the key comes in {@code Authorization: ApiKey
 * <key>} or {@code X-API-Key}; it is looked up by its public prefix in the in-memory
 * {@link ClientDirectory} and its peppered hash compared in constant time — no database access on
 * the request path. Missing, unknown, expired, rotated-out or revoked keys get 401 problem+json
 * with {@code WWW-Authenticate}. The caller's identity is left in the exchange for the quota
 * filter, the admin API and the internal token.
 */
public class ApiKeyAuthenticationFilter implements WebFilter, Ordered {

    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;
    public static final String API_KEY_HEADER = "X-API-Key";
    public static final String CHALLENGE = "ApiKey realm=\"OpenCredit\"";
    public static final String BOOTSTRAP_CLIENT = "bootstrap-admin";

    private final ClientDirectory directory;
    private final ApiKeys keys;
    private final Clock clock;
    private final String bootstrapHash;
    private final MeterRegistry meters;

    public ApiKeyAuthenticationFilter(ClientDirectory directory, ApiKeys keys, Clock clock, String bootstrapAdminKey, MeterRegistry meters) {
        this.directory = directory;
        this.keys = keys;
        this.clock = clock;
        this.bootstrapHash = bootstrapAdminKey == null || bootstrapAdminKey.isBlank() ? null : keys.hash(bootstrapAdminKey.trim());
        this.meters = meters;
    }

    public static boolean needsKey(String path) {
        return path.startsWith("/api/");
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!needsKey(exchange.getRequest().getPath().value())) {
            return chain.filter(exchange);
        }
        CallerIdentity caller;
        try {
            caller = authenticate(exchange.getRequest().getHeaders());
        } catch (GatewayProblem problem) {
            return Mono.error(problem);
        }
        String purpose = exchange.getRequest().getHeaders().getFirst(InternalToken.PURPOSE_HEADER);
        if (purpose != null && !Purposes.ALL.contains(purpose)) {
            return Mono.error(new GatewayProblem(HttpStatus.BAD_REQUEST, "invalid-purpose", "Invalid purpose",
                    "header " + InternalToken.PURPOSE_HEADER + " '" + purpose + "' is not a declared purpose; use one of "
                            + new TreeSet<>(Purposes.ALL)).field(InternalToken.PURPOSE_HEADER));
        }
        exchange.getAttributes().put(CallerIdentity.ATTRIBUTE, caller);
        return chain.filter(exchange);
    }

    CallerIdentity authenticate(HttpHeaders headers) {
        String key = presentedKey(headers);
        if (key == null) {
            throw unauthenticated("missing", "this API needs an API key: send it as 'Authorization: ApiKey <key>' or 'X-API-Key: <key>'; "
                    + "keys are issued by the credit office");
        }
        String prefix = ApiKeys.prefixOf(key);
        ClientDirectory.Entry entry = prefix == null ? null : directory.byPrefix(prefix);
        if (entry == null) {
            if (bootstrapHash != null && keys.matches(key, bootstrapHash)) {
                return new CallerIdentity(BOOTSTRAP_CLIENT, ClientKind.OFFICE, Set.of(Scopes.ADMIN), null, "bootstrap", 0,
                        new ApiClient.Limits(20, 40, 100_000));
            }
            throw unauthenticated("unknown", "the API key is not valid; check that it was copied whole (keys start with 'ock_')");
        }
        if (!keys.matches(key, entry.key().hash())) {
            throw unauthenticated("unknown", "the API key is not valid; check that it was copied whole (keys start with 'ock_')");
        }
        ApiClient client = entry.client();
        if (client.status() == ApiClient.Status.REVOKED) {
            throw unauthenticated("revoked", "API client '" + client.id() + "' has been revoked; contact the credit office");
        }
        String rejection = entry.key().rejection(clock.instant());
        if (rejection != null) {
            throw unauthenticated(rejection, switch (rejection) {
                case "revoked" -> "API key ock_" + prefix + " has been revoked; use another key of client '" + client.id()
                        + "' or ask the credit office for a new one";
                case "rotated" -> "API key ock_" + prefix + " was replaced by a newer key and its grace period ended at "
                        + entry.key().retiresAt() + "; use the new key";
                default -> "API key ock_" + prefix + " expired at " + entry.key().expiresAt() + "; ask the credit office to rotate it";
            });
        }
        return new CallerIdentity(client.id(), client.kind(), client.scopes(), client.department(), prefix, client.revision(),
                client.limits(), client.region());
    }

    private GatewayProblem unauthenticated(String reason, String detail) {
        Counter.builder("opencredit.gateway.authentication.failures").tag("reason", reason)
                .description("requests refused for a missing or invalid API key").register(meters).increment();
        return new GatewayProblem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated", detail)
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
    }

    static String presentedKey(HttpHeaders headers) {
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "ApiKey ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        String header = headers.getFirst(API_KEY_HEADER);
        return header == null || header.isBlank() ? null : header.trim();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
