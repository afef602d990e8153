package org.opencredit.enterprise.subject;

import java.util.ArrayList;
import java.util.List;

import org.opencredit.chassis.outbox.OutboxMessage;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/** Storage shape of a subject: the subject, its version, and the events its changes still owe Kafka. */
@Document(SubjectDocument.COLLECTION)
class SubjectDocument {
    static final String COLLECTION = "subjects";

    @Id
    String uscc;
    Subject subject;
    @Version
    Long version;
    List<OutboxMessage> outbox = new ArrayList<>();

    static SubjectDocument of(Subject subject, OutboxMessage event) {
        SubjectDocument d = new SubjectDocument();
        d.uscc = subject.uscc();
        d.subject = subject;
        d.outbox.add(event);
        return d;
    }
}
