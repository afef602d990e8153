package org.opencredit.enterprise.subject;

import java.time.Clock;

import org.opencredit.chassis.outbox.OutboxEvents;
import org.opencredit.chassis.outbox.OutboxMessage;
import org.opencredit.chassis.outbox.OutboxRelay;
import org.opencredit.chassis.problem.ProblemException;
import org.opencredit.contracts.events.SubjectRegistered;
import org.opencredit.contracts.events.Topics;
import org.opencredit.contracts.identifier.Uscc;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Service
public class SubjectService {

    private final ReactiveMongoTemplate mongo;
    private final OutboxEvents events;
    private final OutboxRelay relay;
    private final Clock clock;

    SubjectService(ReactiveMongoTemplate mongo, OutboxEvents events, OutboxRelay relay, Clock clock) {
        this.mongo = mongo;
        this.events = events;
        this.relay = relay;
        this.clock = clock;
    }

    /**
     * Registers a subject and its {@code subject registered} event in one document insert: both are
     * stored or neither. A code already registered is a conflict, not an update.
     */
    Mono<Subject> register(RegisterSubjectRequest request) {
        Uscc code = Uscc.parse(request.uscc());
        Subject subject = Subject.register(code, request.name(), request.legalRepresentative(), request.establishedOn(),
                clock.instant());
        OutboxMessage event = events.create(Topics.SUBJECT, SubjectRegistered.TYPE, subject.uscc(),
                new SubjectRegistered(subject.uscc(), subject.name(), subject.authority(), subject.entityKind(),
                        subject.regionCode(), subject.registeredAt()));
        return mongo.insert(SubjectDocument.of(subject, event))
                .onErrorMap(DuplicateKeyException.class, e -> ProblemException.conflict("subject-exists",
                                "a subject with USCC " + subject.uscc() + " is already registered; read it with GET /api/v1/enterprises/"
                                        + subject.uscc())
                        .with("uscc", subject.uscc()))
                .doOnNext(saved -> relay.relaySoon(SubjectDocument.COLLECTION, saved.uscc))
                .map(saved -> saved.subject);
    }

    Mono<Subject> find(String rawUscc) {
        Uscc code = Uscc.parse(rawUscc);
        return mongo.findById(code.value(), SubjectDocument.class)
                .map(d -> d.subject)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("subject-not-found",
                        "no subject with USCC " + code.value() + " is registered").with("uscc", code.value())));
    }

    /** The subject, or empty when it is not registered (for callers that have a fallback). */
    public Mono<Subject> lookup(String normalisedUscc) {
        return mongo.findById(normalisedUscc, SubjectDocument.class).map(d -> d.subject);
    }

    Flux<Subject> list(int page, int size) {
        Query query = new Query().with(Sort.by("_id")).skip((long) page * size).limit(size);
        return mongo.find(query, SubjectDocument.class).map(d -> d.subject);
    }
}
