package org.opencredit.chassis.store;

import com.mongodb.connection.TransportSettings;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The MongoDB driver's own asynchronous socket transport instead of Netty's, for services that opt in
 * ({@code opencredit.store.async-transport: true}; enterprise, personal and rating do). Boot chooses Netty
 * whenever Netty is on the class path (always, with WebFlux); the driver then writes every BSON byte through a
 * Netty buffer with its bounds and reference-count checks, which took 22 % of the enterprise service's CPU in a
 * bulk ingest profile (bench/RESULTS.md, issue 3, 2026-12-04). Boot's customizer is ordered first; this one runs
 * last and replaces its choice.
 */
@AutoConfiguration
@ConditionalOnProperty(name = "opencredit.store.async-transport", havingValue = "true")
public class StoreTransportAutoConfiguration {

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    MongoClientSettingsBuilderCustomizer asyncStoreTransport() {
        return builder -> builder.transportSettings(TransportSettings.asyncBuilder().build());
    }
}
