package org.opencredit.chassis.problem;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.opencredit.contracts.identifier.InvalidIdentifierException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * Turns every error a controller raises into RFC 9457 problem+json with a stable type and a
 * detail that tells the caller what to fix. Unexpected errors become a 500 without internals.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ProblemException.class)
    public ResponseEntity<ProblemDetail> problem(ProblemException e) {
        return respond(e.status(), e.toProblemDetail());
    }

    @ExceptionHandler(InvalidIdentifierException.class)
    public ResponseEntity<ProblemDetail> invalidIdentifier(InvalidIdentifierException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setType(URI.create(ProblemException.TYPE_BASE + "invalid-identifier"));
        p.setTitle("Invalid identifier");
        p.setProperty("fault", e.fault().name());
        p.setProperty("errors", List.of(Map.of("field", e.identifierKind(), "message", e.getMessage())));
        return respond(HttpStatus.BAD_REQUEST, p);
    }

    @ExceptionHandler(DuplicateKeyException.class)
    public ResponseEntity<ProblemDetail> duplicate(DuplicateKeyException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "a resource with the same key already exists; read it instead of creating it again");
        p.setType(URI.create(ProblemException.TYPE_BASE + "duplicate"));
        p.setTitle("Conflict");
        return respond(HttpStatus.CONFLICT, p);
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected error", e);
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "the platform could not complete the request; it has been logged, try again later");
        p.setType(URI.create(ProblemException.TYPE_BASE + "internal"));
        p.setTitle("Internal error");
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, p);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex, HttpHeaders headers,
                                                                          HttpStatusCode status, ServerWebExchange exchange) {
        List<Map<String, Object>> errors = ex.getFieldErrors().stream()
                .map(f -> fieldError(f.getField(), f.getDefaultMessage()))
                .toList();
        return Mono.just(validationProblem("fix these fields: ", errors));
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleHandlerMethodValidationException(
            org.springframework.web.method.annotation.HandlerMethodValidationException ex, HttpHeaders headers,
            HttpStatusCode status, ServerWebExchange exchange) {
        List<Map<String, Object>> errors = ex.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(e -> fieldError(
                        r.getMethodParameter().getParameterName() == null ? "parameter" : r.getMethodParameter().getParameterName(),
                        e.getDefaultMessage())))
                .toList();
        return Mono.just(validationProblem("fix these parameters: ", errors));
    }

    private static Map<String, Object> fieldError(String field, String message) {
        return Map.of("field", field, "message", message == null ? "is invalid" : message);
    }

    /** 400 with every offending field in {@code errors} and all of them summed up in {@code detail}. */
    private static ResponseEntity<Object> validationProblem(String lead, List<Map<String, Object>> errors) {
        String summary = errors.stream().map(e -> e.get("field") + " " + e.get("message")).reduce((a, b) -> a + "; " + b)
                .orElse("the request is invalid");
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, lead + summary);
        p.setType(URI.create(ProblemException.TYPE_BASE + "validation"));
        p.setTitle("Invalid request");
        p.setProperty("errors", errors);
        return respondObject(HttpStatus.BAD_REQUEST, p);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex, HttpHeaders headers,
                                                                         HttpStatusCode status, ServerWebExchange exchange) {
        Throwable cause = ex.getMostSpecificCause();
        String reason = cause != null && cause != ex ? firstLine(cause.getMessage()) : ex.getReason();
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "the request could not be read: " + reason + ". Send a JSON body matching the API documentation at /v3/api-docs");
        p.setType(URI.create(ProblemException.TYPE_BASE + "unreadable-request"));
        p.setTitle("Unreadable request");
        return Mono.just(respondObject(HttpStatus.BAD_REQUEST, p));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "malformed input";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        // parser messages can quote the whole body; keep the answer short
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    private static ResponseEntity<ProblemDetail> respond(HttpStatus status, ProblemDetail p) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    private static ResponseEntity<Object> respondObject(HttpStatus status, ProblemDetail p) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
