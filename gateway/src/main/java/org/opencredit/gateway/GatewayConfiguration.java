package org.opencredit.gateway;

import java.time.Clock;
import java.time.Duration;

import org.opencredit.contracts.catalogue.Catalogue;
import org.opencredit.contracts.security.InternalToken;
import org.opencredit.gateway.audit.AccessAuditFilter;
import org.opencredit.gateway.audit.AuditPublisher;
import org.opencredit.gateway.client.ApiKeys;
import org.opencredit.gateway.client.ClientAdminService;
import org.opencredit.gateway.client.ClientDirectory;
import org.opencredit.gateway.quota.FailoverQuotaStore;
import org.opencredit.gateway.quota.LocalQuotaStore;
import org.opencredit.gateway.quota.QuotaFilter;
import org.opencredit.gateway.quota.QuotaStore;
import org.opencredit.gateway.quota.RedisQuotaStore;
import org.opencredit.gateway.security.ApiKeyAuthenticationFilter;
import org.opencredit.gateway.security.CallerIdentityFilter;
import org.opencredit.gateway.security.InternalTokenMinter;
import org.opencredit.gateway.web.CorrelationIdFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/** The gateway's door: API keys, client directory, quotas, internal token, correlation ids, audit. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ApiKeys apiKeys(@Value("${opencredit.gateway.keys.pepper:}") String pepper) {
        return new ApiKeys(pepper);
    }

    @Bean
    ClientDirectory clientDirectory(ReactiveMongoTemplate mongo, Clock clock, MeterRegistry meters,
                                    @Value("${opencredit.gateway.clients.refresh-interval:1s}") Duration interval) {
        return new ClientDirectory(mongo, interval, clock, meters);
    }

    @Bean
    ClientAdminService clientAdminService(ReactiveMongoTemplate mongo, ClientDirectory directory, ApiKeys keys, Clock clock) {
        return new ClientAdminService(mongo, directory, keys, clock, Catalogue.standard());
    }

    /** The gateway's own document (admin API) declares the same API-key scheme as the services'. */
    @Bean
    io.swagger.v3.oas.models.OpenAPI gatewayOpenApi() {
        return new io.swagger.v3.oas.models.OpenAPI()
                .info(new io.swagger.v3.oas.models.info.Info().title("OpenCredit gateway: API client administration")
                        .description("For the credit office (OFFICE clients with the 'admin' scope): create, list, rotate and revoke API clients.")
                        .version("v1"))
                .addServersItem(new io.swagger.v3.oas.models.servers.Server().url("/"))
                .components(new io.swagger.v3.oas.models.Components().addSecuritySchemes("apiKey",
                        new io.swagger.v3.oas.models.security.SecurityScheme()
                                .type(io.swagger.v3.oas.models.security.SecurityScheme.Type.APIKEY)
                                .in(io.swagger.v3.oas.models.security.SecurityScheme.In.HEADER).name("X-API-Key")
                                .description("API key issued by the credit office; also accepted as 'Authorization: ApiKey <key>'")))
                .addSecurityItem(new io.swagger.v3.oas.models.security.SecurityRequirement().addList("apiKey"));
    }

    @Bean
    CorrelationIdFilter correlationIdFilter() {
        return new CorrelationIdFilter();
    }

    @Bean
    ApiKeyAuthenticationFilter apiKeyAuthenticationFilter(ClientDirectory directory, ApiKeys keys, Clock clock, MeterRegistry meters,
                                                          @Value("${opencredit.gateway.bootstrap-admin-key:}") String bootstrapKey) {
        return new ApiKeyAuthenticationFilter(directory, keys, clock, bootstrapKey, meters);
    }

    @Bean
    InternalTokenMinter internalTokenMinter(@Value("${" + InternalToken.SIGNING_JWKS_PROPERTY + ":}") String signingJwks, Clock clock) {
        return new InternalTokenMinter(signingJwks, clock);
    }

    @Bean
    CallerIdentityFilter callerIdentityFilter(InternalTokenMinter minter) {
        return new CallerIdentityFilter(minter);
    }

    /**
     * {@code local} (default): limits in this gateway's memory, exact for a single gateway.
     * {@code redis}: shared by all replicas, with the memory store as fallback while Redis is down.
     */
    @Bean
    QuotaStore quotaStore(@Value("${opencredit.gateway.quota.store:local}") String store,
                          ObjectProvider<ReactiveStringRedisTemplate> redis, MeterRegistry meters) {
        LocalQuotaStore local = new LocalQuotaStore();
        return switch (store) {
            case "local" -> {
                // no shared store configured: the gauge exists (dashboards and alerts find it) but says "not applicable"
                io.micrometer.core.instrument.Gauge.builder("opencredit.gateway.quota.redis.up", () -> Double.NaN)
                        .description("1 when the shared quota store (Redis) answers, 0 while this gateway limits from memory; NaN when no Redis is configured")
                        .register(meters);
                yield local;
            }
            case "redis" -> new FailoverQuotaStore(new RedisQuotaStore(redis.getObject()), local, meters);
            default -> throw new IllegalStateException("opencredit.gateway.quota.store (OPENCREDIT_QUOTA_STORE) must be 'local' or 'redis', not '"
                    + store + "'");
        };
    }

    @Bean
    QuotaFilter quotaFilter(QuotaStore store, Clock clock, MeterRegistry meters) {
        return new QuotaFilter(store, clock, meters);
    }

    @Bean
    AuditPublisher auditPublisher(KafkaTemplate<String, String> kafka, MeterRegistry meters) {
        return new AuditPublisher(kafka, meters);
    }

    @Bean
    org.apache.kafka.clients.admin.NewTopic accessAuditTopic() {
        return org.springframework.kafka.config.TopicBuilder.name(org.opencredit.contracts.events.Topics.ACCESS_AUDIT)
                .partitions(3).build();
    }

    @Bean
    AccessAuditFilter accessAuditFilter(ApiKeys keys, AuditPublisher publisher, JsonMapper json, Clock clock, MeterRegistry meters) {
        return new AccessAuditFilter(keys, publisher, json, clock, meters);
    }
}
