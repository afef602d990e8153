package org.opencredit.gateway.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.opencredit.contracts.events.AccessAudited;
import org.opencredit.contracts.security.InternalToken;
import org.opencredit.gateway.client.ApiKeys;
import org.opencredit.gateway.security.CallerIdentity;
import org.opencredit.gateway.web.CorrelationIdFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Audits every API request (paths under {@code /api/}), refused ones included: client, key
 * prefix, route, method, path, subject, purpose, status and latency, as one JSON line on the
 * {@code opencredit.audit} logger and as an {@link AccessAudited} event. Identity numbers never
 * appear in clear: each is replaced by a keyed pseudonym ({@code person:<16 hex>}, HMAC with the
 * gateway's pepper), so the same person gives the same pseudonym and audits can still be joined.
 */
public class AccessAuditFilter implements WebFilter, Ordered {

    private static final Logger audit = LoggerFactory.getLogger("opencredit.audit");
    /** 18-character resident identity numbers (and 15-digit first-generation ones) anywhere in a path or query. */
    static final Pattern IDENTITY_NUMBER = Pattern.compile("(?<![0-9A-Za-z])([1-9][0-9]{5}(?:18|19|20)[0-9]{2}[0-9]{7}[0-9Xx]|[1-9][0-9]{14})(?![0-9A-Za-z])");
    static final Pattern USCC = Pattern.compile("(?<![0-9A-Za-z])([0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10})(?![0-9A-Za-z])");

    private final ApiKeys keys;
    private final AuditPublisher publisher;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;
    /** The per-client timers, so the request path does not rebuild a meter id each time. */
    private final java.util.Map<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

    public AccessAuditFilter(ApiKeys keys, AuditPublisher publisher, JsonMapper json, Clock clock, MeterRegistry meters) {
        this.keys = keys;
        this.publisher = publisher;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String rawPath = exchange.getRequest().getPath().value();
        if (!rawPath.startsWith("/api/")) {
            return chain.filter(exchange);
        }
        long started = System.nanoTime();
        Instant at = clock.instant();
        AtomicBoolean written = new AtomicBoolean();
        Runnable write = () -> {
            if (written.compareAndSet(false, true)) {
                try {
                    record(exchange, at, (System.nanoTime() - started) / 1_000_000, null);
                } catch (RuntimeException e) {
                    audit.error("could not write the audit record of {} {}: {}", exchange.getRequest().getMethod(),
                            pseudonymise(rawPath), e.toString());
                }
            }
        };
        // the status is final when the response commits; errors are rendered after this filter returns
        exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(write));
        return chain.filter(exchange).doFinally(signal -> {
            if (signal == SignalType.CANCEL && written.compareAndSet(false, true)) {
                record(exchange, at, (System.nanoTime() - started) / 1_000_000, 499); // the caller went away
            }
        });
    }

    private void record(ServerWebExchange exchange, Instant at, long latencyMillis, Integer forcedStatus) {
        CallerIdentity caller = CallerIdentity.of(exchange);
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        String path = exchange.getRequest().getPath().value();
        String routeId = route != null ? route.getId() : path.startsWith("/api/v1/admin/") ? "admin" : "none";
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        String query = exchange.getRequest().getURI().getRawQuery();
        AccessAudited event = new AccessAudited(CorrelationIdFilter.of(exchange), at,
                caller == null ? null : caller.clientId(), caller == null ? null : caller.keyPrefix(), routeId,
                exchange.getRequest().getMethod().name(), pseudonymise(path), subject(path + (query == null ? "" : "?" + query)),
                exchange.getRequest().getHeaders().getFirst(InternalToken.PURPOSE_HEADER),
                forcedStatus != null ? forcedStatus : status == null ? 200 : status.value(), latencyMillis,
                caller == null ? null : caller.kind().name(), caller == null ? null : caller.region());
        String line = json.writeValueAsString(event); // serialised once: the log line and the event carry the same JSON
        audit.info(line);
        publisher.publish(event, line);
        // RED per API client (the gateway's own per-route meter has no client tag)
        String client = event.client() == null ? "anonymous" : event.client();
        String statusClass = (event.status() / 100) + "xx";
        timers.computeIfAbsent(client + '\u0000' + routeId + '\u0000' + statusClass, k -> Timer.builder("opencredit.gateway.client.requests")
                        .description("API requests by client, route and status class, refused ones included")
                        .tag("client", client).tag("route", routeId).tag("status", statusClass)
                        .register(meters))
                .record(java.time.Duration.ofMillis(latencyMillis));
    }

    /** The subject a request names: a person's pseudonym, else a USCC, else {@code null}. */
    String subject(String pathAndQuery) {
        Matcher person = IDENTITY_NUMBER.matcher(pathAndQuery);
        if (person.find()) {
            return pseudonym(person.group(1));
        }
        Matcher uscc = USCC.matcher(pathAndQuery);
        return uscc.find() ? uscc.group(1) : null;
    }

    String pseudonymise(String path) {
        return IDENTITY_NUMBER.matcher(path).replaceAll(m -> pseudonym(m.group(1)));
    }

    String pseudonym(String identityNumber) {
        byte[] mac = java.util.Base64.getDecoder().decode(keys.hash("person:" + identityNumber.toUpperCase()));
        return "person:" + HexFormat.of().formatHex(mac, 0, 8);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 50;
    }
}
