package org.opencredit.enterprise.subject;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Clock;
import java.util.Locale;
import java.util.regex.Pattern;

import org.opencredit.chassis.outbox.OutboxEvents;
import org.opencredit.chassis.outbox.OutboxMessage;
import org.opencredit.chassis.outbox.OutboxRelay;
import org.opencredit.chassis.problem.ProblemException;
import org.opencredit.contracts.events.SubjectRegistered;
import org.opencredit.contracts.events.SubjectUpdated;
import org.opencredit.contracts.events.Topics;
import org.opencredit.contracts.identifier.Uscc;
import org.opencredit.chassis.store.OptimisticLock;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
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
        Subject subject = Subject.register(code, request.details(), clock.instant());
        OutboxMessage event = events.create(Topics.SUBJECT, SubjectRegistered.TYPE, subject.uscc(),
                new SubjectRegistered(subject.uscc(), subject.name(), subject.authority(), subject.entityKind(),
                        subject.regionCode(), subject.registeredAt(), subject.industryCode()));
        return mongo.insert(SubjectDocument.of(subject, event))
                .onErrorMap(DuplicateKeyException.class, e -> ProblemException.conflict("subject-exists",
                                "a subject with USCC " + subject.uscc() + " is already registered; read it with GET /api/v1/enterprises/"
                                        + subject.uscc() + " or change it with PATCH")
                        .with("uscc", subject.uscc()))
                .doOnNext(saved -> relay.relaySoon(SubjectDocument.COLLECTION, saved.uscc))
                .map(saved -> saved.subject);
    }

    /** Applies a registry change with its {@code subject updated} event, refusing concurrent changes. */
    Mono<Subject> update(String rawUscc, UpdateSubjectRequest request) {
        Uscc code = Uscc.parse(rawUscc);
        return load(code).flatMap(doc -> {
            Subject updated = doc.subject.update(request.details(), clock.instant());
            OutboxMessage event = events.create(Topics.SUBJECT, SubjectUpdated.TYPE, updated.uscc(),
                    new SubjectUpdated(updated.uscc(), updated.name(), updated.authority(), updated.entityKind(),
                            updated.regionCode(), updated.registeredAt(), updated.industryCode()));
            Update update = new Update().set("subject", updated).set("name", updated.name())
                    .set("formerNames", updated.formerNames()).set("registrationNumber", updated.registrationNumber())
                    .push("outbox", event);
            OptimisticLock.advance(update, doc.uscc, doc.version);
            return mongo.updateFirst(OptimisticLock.expecting(doc.uscc, doc.version, doc.lock), update, SubjectDocument.class)
                    .flatMap(r -> {
                        if (r.getMatchedCount() == 0) {
                            return Mono.error(ProblemException.conflict("concurrent-change",
                                    "subject " + doc.uscc + " changed while this request was handled; read it again and retry"));
                        }
                        relay.relaySoon(SubjectDocument.COLLECTION, doc.uscc);
                        return Mono.just(updated);
                    });
        });
    }

    Mono<Subject> find(String rawUscc) {
        return load(Uscc.parse(rawUscc)).map(d -> d.subject);
    }

    private Mono<SubjectDocument> load(Uscc code) {
        return mongo.findById(code.value(), SubjectDocument.class)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("subject-not-found",
                        "no subject with USCC " + code.value() + " is registered").with("uscc", code.value())));
    }

    /** The subject, or empty when it is not registered (for callers that have a fallback). */
    public Mono<Subject> lookup(String normalisedUscc) {
        return mongo.findById(normalisedUscc, SubjectDocument.class).map(d -> d.subject);
    }

    /**
     * Finds subjects by a key departments send: a USCC, the 9-character organisation code (positions
     * 9-17 of the USCC, hyphen allowed) or the 15-digit registration number.
     */
    Flux<Subject> byKey(String rawKey) {
        String key = rawKey == null ? "" : rawKey.trim().toUpperCase(Locale.ROOT).replace("-", "");
        Query query;
        if (key.length() == 18) {
            query = Query.query(where("_id").is(Uscc.parse(key).value()));
        } else if (key.length() == 9) {
            query = Query.query(where("organisationCode").is(key));
        } else if (key.matches("[0-9]{15}")) {
            query = Query.query(where("registrationNumber").is(key));
        } else {
            throw ProblemException.badRequest("unknown-key", "Unknown key",
                    "key must be a USCC (18 characters), an organisation code (9 characters, e.g. M000100Y-4) or a "
                            + "registration number (15 digits)");
        }
        return mongo.find(query, SubjectDocument.class).map(d -> d.subject);
    }

    /** How a name search matches. */
    enum NameMatch { FULL, PREFIX, CONTAINS }

    /** Subjects by current or former name, paginated; sorted by name or USCC. */
    Flux<Subject> search(String name, NameMatch match, int page, int size, String sort) {
        Query query = new Query();
        if (name != null && !name.isBlank()) {
            String quoted = Pattern.quote(name.strip());
            String regex = switch (match) {
                case FULL -> "^" + quoted + "$";
                case PREFIX -> "^" + quoted;
                case CONTAINS -> quoted;
            };
            query.addCriteria(new Criteria().orOperator(where("name").regex(regex), where("formerNames").regex(regex)));
        }
        Sort order = "name".equals(sort) ? Sort.by("name", "_id") : Sort.by("_id");
        return mongo.find(query.with(order).skip((long) page * size).limit(size), SubjectDocument.class).map(d -> d.subject);
    }
}
