package org.opencredit.chassis;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.opencredit.testkit.CreditInfrastructure;
import org.opencredit.testkit.TopicReader;

final class ChassisTestSupport {
    private ChassisTestSupport() {
    }

    static List<ConsumerRecord<String, String>> read(String topic, Predicate<List<ConsumerRecord<String, String>>> done) {
        return TopicReader.readUntil(CreditInfrastructure.get().bootstrapServers(), topic, done, Duration.ofSeconds(30));
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        return TopicReader.header(record, name);
    }
}
