package org.opencredit.chassis.kafka;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;
import org.opencredit.contracts.events.Topics;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Every platform topic and its dead-letter topic, created at startup if missing (brokers in
 * production run with topic auto-creation off). Same partition count for a topic and its DLT, so
 * the recoverer can keep the partition.
 */
public final class TopicDeclarations {

    private TopicDeclarations() {
    }

    public static List<NewTopic> all(int partitions, short replicas) {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            topics.add(TopicBuilder.name(topic).partitions(partitions).replicas(replicas).build());
            topics.add(TopicBuilder.name(Topics.deadLetter(topic)).partitions(partitions).replicas(replicas).build());
        }
        return topics;
    }
}
