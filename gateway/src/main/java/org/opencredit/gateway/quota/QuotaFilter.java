package org.opencredit.gateway.quota;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.opencredit.gateway.problem.GatewayProblem;
import org.opencredit.gateway.security.ApiKeyAuthenticationFilter;
import org.opencredit.gateway.security.CallerIdentity;
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
 * Per-client rate limit (token bucket: burst + sustained rate) and daily quota, after
 * authentication. Every answer carries {@code X-RateLimit-Limit/Remaining} (the bucket) and
 * {@code X-RateLimit-Daily-Limit/Remaining}; a refused request gets 429 problem+json with
 * {@code Retry-After} in seconds.
 */
public class QuotaFilter implements WebFilter, Ordered {

    public static final int ORDER = ApiKeyAuthenticationFilter.ORDER + 10;
    /** Quota days follow the province's calendar. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final QuotaStore store;
    private final Clock clock;
    private final MeterRegistry meters;

    public QuotaFilter(QuotaStore store, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        CallerIdentity caller = CallerIdentity.of(exchange);
        if (caller == null) {
            return chain.filter(exchange);
        }
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZONE));
        LocalDate today = now.toLocalDate();
        long secondsToMidnight = Math.max(1, Duration.between(now, today.plusDays(1).atStartOfDay(ZONE)).toSeconds());
        return store.take(caller.clientId(), caller.limits(), today.format(DAY), secondsToMidnight + 3600)
                .flatMap(decision -> {
                    HttpHeaders headers = exchange.getResponse().getHeaders();
                    headers.set("X-RateLimit-Limit", Integer.toString(caller.limits().burst()));
                    headers.set("X-RateLimit-Remaining", Long.toString(decision.remaining()));
                    headers.set("X-RateLimit-Daily-Limit", Long.toString(caller.limits().daily()));
                    headers.set("X-RateLimit-Daily-Remaining", Long.toString(Math.max(0, caller.limits().daily() - decision.dailyUsed())));
                    if (decision.allowed()) {
                        return chain.filter(exchange);
                    }
                    Counter.builder("opencredit.gateway.quota.rejections").tag("client", caller.clientId()).tag("limit", decision.limit())
                            .description("requests refused with 429 by client and limit").register(meters).increment();
                    if ("daily".equals(decision.limit())) {
                        return Mono.error(new GatewayProblem(HttpStatus.TOO_MANY_REQUESTS, "daily-quota-exceeded", "Daily quota exceeded",
                                "API client '" + caller.clientId() + "' has used its " + caller.limits().daily()
                                        + " requests for today; the quota renews at midnight Asia/Shanghai, or ask the credit office for a larger quota")
                                .header(HttpHeaders.RETRY_AFTER, Long.toString(secondsToMidnight)));
                    }
                    long retryAfter = Math.max(1, (decision.retryAfterMillis() + 999) / 1000);
                    return Mono.error(new GatewayProblem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
                            "API client '" + caller.clientId() + "' may send " + format(caller.limits().perSecond())
                                    + " requests per second (bursts up to " + caller.limits().burst() + "); slow down and retry after "
                                    + retryAfter + " s")
                            .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter)));
                });
    }

    private static String format(double perSecond) {
        return perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond) : Double.toString(perSecond);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
