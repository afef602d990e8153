package org.opencredit.enterprise.subject;

import java.util.ArrayList;
import java.util.List;

import org.opencredit.chassis.outbox.OutboxMessage;
import org.opencredit.chassis.store.OptimisticLock;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Storage shape of a subject: the subject, copies of the fields it is searched by, its version and
 * lock ({@code <uscc>#<version>}, unique: writes are conditional on it, see {@link OptimisticLock}),
 * and the events its changes still owe Kafka.
 */
@Document(SubjectDocument.COLLECTION)
class SubjectDocument {
    static final String COLLECTION = "subjects";

    @Id
    String uscc;
    Subject subject;
    @Indexed
    String name;
    @Indexed
    List<String> formerNames = new ArrayList<>();
    @Indexed
    String organisationCode;
    @Indexed(sparse = true)
    String registrationNumber;
    Long version;
    /** {@code null} only in a document stored before the field existed and not yet backfilled. */
    String lock;
    List<OutboxMessage> outbox = new ArrayList<>();

    static SubjectDocument of(Subject subject, OutboxMessage event) {
        SubjectDocument d = new SubjectDocument();
        d.uscc = subject.uscc();
        d.version = 0L;
        d.lock = OptimisticLock.of(d.uscc, 0);
        d.copy(subject);
        d.outbox.add(event);
        return d;
    }

    void copy(Subject s) {
        subject = s;
        name = s.name();
        formerNames = new ArrayList<>(s.formerNames());
        organisationCode = s.organisationCode();
        registrationNumber = s.registrationNumber();
    }
}
