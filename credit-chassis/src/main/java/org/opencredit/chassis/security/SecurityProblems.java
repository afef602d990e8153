package org.opencredit.chassis.security;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.opencredit.chassis.problem.ProblemException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 as RFC 9457 problem+json in the style of the chassis' {@code ProblemHandler}: a
 * stable type and a detail that tells the caller what to do. They are written here because
 * Spring Security answers before any controller (and so the controller advice) is involved.
 */
public final class SecurityProblems implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    public static final String UNAUTHENTICATED = "unauthenticated";
    public static final String FORBIDDEN = "forbidden";
    /** Exchange attribute in which {@link ServiceAccessRules#scope(String)} leaves the scope a request lacked. */
    static final String REQUIRED_SCOPE_ATTRIBUTE = SecurityProblems.class.getName() + ".requiredScope";

    private final JsonMapper json;
    private final String gatewayUrl;

    /** @param gatewayUrl the gateway's public address for the 401 detail, or {@code null} if not known */
    public SecurityProblems(JsonMapper json, String gatewayUrl) {
        this.json = json;
        this.gatewayUrl = gatewayUrl == null || gatewayUrl.isBlank() ? null : gatewayUrl.replaceAll("/+$", "");
    }

    static String missingScopeDetail(String scope, String operation) {
        return "your API client lacks the scope '" + scope + "' needed for " + operation + "; ask the credit office to grant it";
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException e) {
        ServerHttpRequest request = exchange.getRequest();
        String where = gatewayUrl == null ? "the OpenCredit gateway (same path)" : gatewayUrl + request.getPath().value();
        String advice = "this service is reached only through the OpenCredit gateway with an API key; call " + where
                + " with the header Authorization: ApiKey <key> (or X-API-Key: <key>); keys are issued by the credit office";
        boolean tokenRejected = e instanceof OAuth2AuthenticationException;
        String detail = tokenRejected ? "the bearer token was not accepted (" + reason((OAuth2AuthenticationException) e) + "); " + advice
                : advice;
        // RFC 6750: name the scheme; error="invalid_token" only when a token was sent and rejected
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                tokenRejected ? "Bearer error=\"invalid_token\"" : "Bearer");
        return write(exchange, HttpStatus.UNAUTHORIZED, UNAUTHENTICATED, "Unauthenticated", detail, null);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        ServerHttpRequest request = exchange.getRequest();
        String operation = request.getMethod().name() + " " + request.getPath().value();
        String scope = exchange.getAttribute(REQUIRED_SCOPE_ATTRIBUTE);
        String detail = scope != null ? missingScopeDetail(scope, operation)
                : "no API client may call " + operation + " on this service; the operations it offers are in its API document";
        return write(exchange, HttpStatus.FORBIDDEN, FORBIDDEN, "Forbidden", detail, scope);
    }

    private static String reason(OAuth2AuthenticationException e) {
        String description = e.getError().getDescription();
        if (description == null || description.isBlank()) {
            return e.getError().getErrorCode();
        }
        String prefix = "An error occurred while attempting to decode the Jwt: ";
        String reason = description.startsWith(prefix) ? description.substring(prefix.length()) : description;
        return reason.length() > 200 ? reason.substring(0, 200) + "..." : reason;
    }

    private Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String slug, String title, String detail, String scope) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", ProblemException.TYPE_BASE + slug);
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", exchange.getRequest().getPath().value());
        if (scope != null) {
            problem.put("requiredScope", scope);
        }
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body = json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }
}
