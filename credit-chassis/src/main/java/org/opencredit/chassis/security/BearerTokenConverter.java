package org.opencredit.chassis.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Reads the internal token from {@code Authorization: Bearer <token>} (only there: never from the
 * query string or a form body), with the rule of Spring's converter — RFC 6750 token characters,
 * {@code [A-Za-z0-9-._~+/]+=*} — checked by a loop instead of a regular expression (see
 * {@link FastFirewall}). A malformed bearer header is refused as {@code invalid_token}; no bearer header leaves the
 * request unauthenticated; of two Authorization headers the first counts, as with Spring's converter.
 */
public final class BearerTokenConverter implements ServerAuthenticationConverter {

    private static final String BEARER = "bearer ";

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        return Mono.defer(() -> {
            String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            if (header == null) {
                return Mono.empty();
            }
            if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length() - 1)) {
                return Mono.empty();
            }
            String token = token(header);
            if (token == null) {
                return Mono.error(new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed")));
            }
            return Mono.just(new BearerTokenAuthenticationToken(token));
        });
    }

    /** The token of {@code Bearer <token>}, or null when the header does not have that form. */
    static String token(String header) {
        if (header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        int end = header.length();
        while (end > BEARER.length() && header.charAt(end - 1) == '=') {
            end--;
        }
        if (end == BEARER.length()) {
            return null;
        }
        for (int i = BEARER.length(); i < end; i++) {
            char c = header.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
            if (!ok) {
                return null;
            }
        }
        return header.substring(BEARER.length());
    }
}
