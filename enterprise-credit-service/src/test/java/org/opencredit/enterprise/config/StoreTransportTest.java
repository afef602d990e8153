package org.opencredit.enterprise.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.connection.AsyncTransportSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.internal.MongoClientImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.testkit.CreditInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The service opts into the driver's own transport (opencredit.store.async-transport), not the Netty one Boot picks. */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest
class StoreTransportTest {

    @Autowired
    MongoClient client;

    @Test
    void theStoreIsReachedThroughTheDriversOwnSocketTransport() {
        assertThat(((MongoClientImpl) client).getSettings().getTransportSettings()).isInstanceOf(AsyncTransportSettings.class);
    }
}
