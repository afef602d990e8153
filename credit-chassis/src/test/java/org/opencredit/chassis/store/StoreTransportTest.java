package org.opencredit.chassis.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.connection.AsyncTransportSettings;
import com.mongodb.connection.NettyTransportSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.internal.MongoClientImpl;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The client Boot builds (Netty on the class path, as in every WebFlux service) reaches the store through the
 * driver's own socket transport when a service sets {@code opencredit.store.async-transport: true}, and through
 * Netty's otherwise: the chassis customizer must run after Boot's.
 */
class StoreTransportTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MongoReactiveAutoConfiguration.class, StoreTransportAutoConfiguration.class))
            .withPropertyValues("spring.mongodb.uri=mongodb://127.0.0.1:1");

    @Test
    void aServiceThatOptsInGetsTheDriversOwnTransport() {
        runner.withPropertyValues("opencredit.store.async-transport=true").run(context ->
                assertThat(((MongoClientImpl) context.getBean(MongoClient.class)).getSettings().getTransportSettings())
                        .isInstanceOf(AsyncTransportSettings.class));
    }

    @Test
    void otherServicesKeepBootsNettyTransport() {
        runner.run(context ->
                assertThat(((MongoClientImpl) context.getBean(MongoClient.class)).getSettings().getTransportSettings())
                        .isInstanceOf(NettyTransportSettings.class));
    }
}
