package org.opencredit.chassis.security;

import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import org.opencredit.contracts.security.InternalToken;
import org.opencredit.contracts.security.Scopes;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every service trusts only the gateway's internal token (ARCHITECTURE "Security model"): a
 * stateless resource server that verifies it on every request, lets the health, metrics and API
 * document endpoints through, applies the service's {@link ServiceAccessRules} and denies the rest.
 */
@AutoConfiguration(before = {ReactiveWebSecurityAutoConfiguration.class, ReactiveManagementWebSecurityAutoConfiguration.class,
        ReactiveUserDetailsServiceAutoConfiguration.class, ReactiveOAuth2ResourceServerAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableWebFluxSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class ChassisSecurityAutoConfiguration {

    /** Reachable without a token: probes, the Prometheus scrape and the API documents the gateway's Swagger UI reads. */
    static final String[] PUBLIC_PATHS = {"/actuator/health/**", "/actuator/info", "/actuator/prometheus",
            "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/webjars/**"};

    static {
        // the caller is resolved from the token, not a request parameter the API documents should show
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    @ConditionalOnMissingBean(ReactiveJwtDecoder.class)
    InternalTokenDecoder internalTokenDecoder(SecurityProperties properties) {
        return InternalTokenDecoder.fromJwks(properties.token().verificationJwks());
    }

    @Bean
    SecurityProblems securityProblems(JsonMapper json, SecurityProperties properties) {
        return new SecurityProblems(json, properties.gatewayUrl());
    }

    @Bean
    @ConditionalOnMissingBean(SecurityWebFilterChain.class)
    SecurityWebFilterChain internalTokenSecurity(ServerHttpSecurity http, ReactiveJwtDecoder decoder, SecurityProblems problems,
                                                 ObjectProvider<ServiceAccessRules> rules) {
        JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();
        scopes.setAuthoritiesClaimName(InternalToken.SCOPE);
        scopes.setAuthorityPrefix(Scopes.authority(""));
        JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(scopes);
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                // stateless: every request carries its token, nothing is kept between requests
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .authorizeExchange(exchanges -> {
                    exchanges.pathMatchers(PUBLIC_PATHS).permitAll();
                    rules.orderedStream().forEach(r -> r.authorize(exchanges));
                    exchanges.anyExchange().denyAll();
                })
                .oauth2ResourceServer(server -> server
                        .bearerTokenConverter(new BearerTokenConverter())
                        .jwt(jwt -> jwt.jwtDecoder(decoder)
                                .jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(authentication)))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }

    /** Spring's strict firewall, with its header rules checked without regular expressions ({@link FastFirewall}). */
    @Bean
    @ConditionalOnMissingBean(ServerWebExchangeFirewall.class)
    ServerWebExchangeFirewall serverWebExchangeFirewall() {
        return FastFirewall.create();
    }

    @Bean
    WebFluxConfigurer callerArgument() {
        return new WebFluxConfigurer() {
            @Override
            public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
                configurer.addCustomResolver(new CallerArgumentResolver());
            }
        };
    }
}
