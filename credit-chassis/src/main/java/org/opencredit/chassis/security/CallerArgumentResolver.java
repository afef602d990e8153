package org.opencredit.chassis.security;

import org.springframework.core.MethodParameter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Gives a controller method parameter of type {@link Caller} the verified caller of the request. */
final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Caller.class.equals(parameter.getParameterType());
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext, ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(p -> (Object) Caller.of(((JwtAuthenticationToken) p).getToken()))
                // only reachable if an access rule lets an unauthenticated request through to a caller-aware endpoint
                .switchIfEmpty(Mono.error(() -> new IllegalStateException(parameter.getExecutable().getName()
                        + " needs a verified caller, but its access rule admits requests without a token")));
    }
}
