package org.opencredit.chassis;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.apache.kafka.clients.admin.NewTopic;
import org.opencredit.chassis.consumer.ConsumerErrorHandling;
import org.opencredit.chassis.consumer.EventConsumer;
import org.opencredit.chassis.health.MongoPingHealthIndicator;
import org.opencredit.chassis.kafka.TopicDeclarations;
import org.opencredit.chassis.outbox.OutboxEvents;
import org.opencredit.chassis.outbox.OutboxProperties;
import org.opencredit.chassis.outbox.OutboxRelay;
import org.opencredit.chassis.problem.ProblemHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The microservice chassis: what every OpenCredit service needs the same way. Services get it by
 * depending on {@code credit-chassis} and importing {@code classpath:opencredit-chassis.yml}.
 */
@AutoConfiguration
@EnableConfigurationProperties({OutboxProperties.class, ChassisProperties.class})
public class ChassisAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ProblemHandler problemHandler() {
        return new ProblemHandler();
    }

    /** Replaces Boot's Mongo indicator (same bean name), which the embedded server fails. */
    @Bean(name = "mongoHealthIndicator")
    MongoPingHealthIndicator mongoHealthIndicator(ReactiveMongoTemplate mongo) {
        return new MongoPingHealthIndicator(mongo);
    }

    @Bean
    OutboxEvents outboxEvents(JsonMapper json, Clock clock, @Value("${spring.application.name}") String applicationName) {
        return new OutboxEvents(json, clock, applicationName);
    }

    @Bean
    OutboxRelay outboxRelay(ReactiveMongoTemplate mongo, KafkaTemplate<String, String> kafka, OutboxProperties properties,
                            MeterRegistry registry) {
        return new OutboxRelay(mongo, kafka, properties, registry);
    }

    @Bean
    EventConsumer eventConsumer(ReactiveMongoTemplate mongo, MeterRegistry registry, JsonMapper json) {
        return new EventConsumer(mongo, registry, json);
    }

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    CommonErrorHandler kafkaErrorHandler(KafkaTemplate<String, String> kafka, MeterRegistry registry, ChassisProperties properties) {
        return ConsumerErrorHandling.errorHandler(kafka, registry, properties.retryInitialInterval().toMillis(),
                properties.retryMaxAttempts());
    }

    /** The security scheme callers use: the gateway turns the API key into the internal token services verify. */
    public static final String API_KEY_SCHEME = "apiKey";

    /**
     * API documents name the service and use a relative server URL, so Swagger UI served by the
     * gateway sends "try it out" requests through the gateway, never straight to the service. They
     * declare the API key every operation needs, so Swagger UI offers "Authorize".
     */
    @Bean
    @ConditionalOnMissingBean(OpenAPI.class)
    OpenAPI openCreditApi(@Value("${spring.application.name}") String applicationName) {
        return new OpenAPI()
                .components(new Components().addSecuritySchemes(API_KEY_SCHEME, new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-API-Key")
                        .description("The API key the credit office issued to your API client; also accepted as "
                                + "Authorization: ApiKey <key>. Its scopes decide which operations you may call (403 names a missing one).")))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY_SCHEME))
                .info(new Info().title("OpenCredit " + applicationName)
                        .version(ChassisAutoConfiguration.class.getPackage().getImplementationVersion() == null ? "dev"
                                : ChassisAutoConfiguration.class.getPackage().getImplementationVersion())
                        .description("Errors are RFC 9457 application/problem+json with a stable type under "
                                + "https://opencredit.org/problems/ and a detail that says what to fix."))
                .servers(List.of(new Server().url("/").description("through the OpenCredit gateway")));
    }

    @Bean
    KafkaAdmin.NewTopics platformTopics(ChassisProperties properties) {
        List<NewTopic> topics = TopicDeclarations.all(properties.topicPartitions(), properties.topicReplicas());
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }
}
