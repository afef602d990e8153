package org.opencredit.gateway.web;

import org.opencredit.gateway.problem.GatewayProblem;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.swagger.v3.oas.annotations.Hidden;
import reactor.core.publisher.Mono;

/**
 * Where a route's circuit breaker forwards when the service fails or the circuit is open: 503
 * problem+json with {@code Retry-After}. Reachable only as a forward from a route.
 */
@Hidden
@RestController
class FallbackController {

    static final String RETRY_AFTER_SECONDS = "10";

    private static boolean timedOut(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException
                    || t instanceof org.springframework.web.server.ResponseStatusException rse && rse.getStatusCode().value() == 504) {
                return true;
            }
        }
        return false;
    }

    @RequestMapping("/fallback/{service}")
    Mono<Void> fallback(@PathVariable String service, ServerWebExchange exchange) {
        Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        if (cause == null && exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR) == null) {
            return Mono.error(new GatewayProblem(HttpStatus.NOT_FOUND, "no-route", "Not found",
                    "no OpenCredit API answers " + exchange.getRequest().getPath().value()));
        }
        String why = cause instanceof io.github.resilience4j.circuitbreaker.CallNotPermittedException
                ? service + " is failing and the gateway has stopped sending it requests for a few seconds"
                : timedOut(cause)
                ? service + " did not answer in time; the request may or may not have been applied, read before retrying a write"
                : service + " cannot be reached right now";
        return Mono.error(new GatewayProblem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
                why + "; try again in " + RETRY_AFTER_SECONDS + " seconds").header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS));
    }
}
