package org.opencredit.gateway.problem;

import java.net.ConnectException;
import java.net.URI;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors the gateway itself produces (no route, service without a running instance, service
 * unreachable or too slow) as RFC 9457 problem+json, like every service's errors, with a detail
 * that tells the caller what to do. Runs before Boot's default handler.
 */
@Component
@Order(-2)
public class GatewayProblemHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayProblemHandler.class);
    private static final String TYPE_BASE = GatewayProblem.TYPE_BASE;

    private final JsonMapper json;

    GatewayProblemHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        ProblemDetail problem = problem(exchange, error);
        if (error instanceof GatewayProblem gp) {
            gp.headers().forEach((name, value) -> exchange.getResponse().getHeaders().set(name, value));
        }
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        exchange.getResponse().setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        DataBuffer body = exchange.getResponse().bufferFactory().wrap(json.writeValueAsBytes(problem));
        return exchange.getResponse().writeWith(Mono.just(body));
    }

    private ProblemDetail problem(ServerWebExchange exchange, Throwable error) {
        String request = exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value();
        if (error instanceof GatewayProblem gp) {
            return gp.toProblemDetail();
        }
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        String service = route == null ? "the service" : route.getUri().getHost();
        if (error instanceof ResponseStatusException rse && rse.getStatusCode().value() == 404 && route == null) {
            return of(HttpStatus.NOT_FOUND, "no-route", "Not found", "no OpenCredit API answers " + request
                    + "; the APIs are under /api/v1/ and listed in the Swagger UI at /swagger-ui.html");
        }
        if (error instanceof ResponseStatusException rse && rse.getStatusCode().value() == 503) {
            return of(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
                    service + " has no running instance right now; try again in a few seconds");
        }
        if (hasCause(error, ConnectException.class)) {
            return of(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
                    service + " cannot be reached right now; try again in a few seconds");
        }
        if (hasCause(error, TimeoutException.class)) {
            return of(HttpStatus.GATEWAY_TIMEOUT, "service-timeout", "Service timeout",
                    service + " did not answer in time; the request may or may not have been applied, read before retrying a write");
        }
        if (error instanceof org.springframework.web.server.ServerWebInputException input) {
            return of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                    "the request body could not be read: " + (input.getMostSpecificCause() == null ? input.getReason()
                            : input.getMostSpecificCause().getMessage()) + "; send JSON as described in the Swagger UI");
        }
        if (error instanceof ResponseStatusException rse) {
            return of(HttpStatus.valueOf(rse.getStatusCode().value()), "gateway-" + rse.getStatusCode().value(),
                    HttpStatus.valueOf(rse.getStatusCode().value()).getReasonPhrase(),
                    rse.getReason() == null ? "the gateway could not handle " + request : rse.getReason());
        }
        log.error("gateway error on {}", request, error);
        return of(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "the gateway could not complete the request; it has been logged, try again later");
    }

    private static ProblemDetail of(HttpStatus status, String slug, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create(TYPE_BASE + slug));
        p.setTitle(title);
        return p;
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
