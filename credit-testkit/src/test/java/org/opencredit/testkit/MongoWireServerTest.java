package org.opencredit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MongoWireServerTest {

    @TempDir
    Path dir;

    @Test
    void fileStoreKeepsDocumentsAcrossACleanRestart() {
        int port = FreePorts.next();
        try (MongoWireServer server = MongoWireServer.startWithFileStore(dir, port);
             MongoClient client = MongoClients.create(server.connectionString())) {
            client.getDatabase("enterprise_credit").getCollection("subjects")
                    .insertOne(new Document("_id", "91350100M000100Y43").append("name", "Fuzhou Example Co."));
        }
        try (MongoWireServer server = MongoWireServer.startWithFileStore(dir, port);
             MongoClient client = MongoClients.create(server.connectionString())) {
            Document found = client.getDatabase("enterprise_credit").getCollection("subjects")
                    .find(new Document("_id", "91350100M000100Y43")).first();
            assertThat(found).isNotNull();
            assertThat(found.getString("name")).isEqualTo("Fuzhou Example Co.");
        }
    }

    @Test
    void memoryServerAnswersThroughTheRealDriver() {
        try (MongoWireServer server = MongoWireServer.startInMemory();
             MongoClient client = MongoClients.create(server.connectionString())) {
            client.getDatabase("t").getCollection("c").insertOne(new Document("_id", 1));
            assertThat(client.getDatabase("t").getCollection("c").countDocuments()).isEqualTo(1);
        }
    }
}
