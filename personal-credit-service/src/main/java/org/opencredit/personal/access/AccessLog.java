package org.opencredit.personal.access;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.opencredit.chassis.problem.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The per-person access log. A write that fails fails the read it was for (fail closed). */
@Component
public class AccessLog {

    public static final String COLLECTION = "access_log";
    private static final Logger log = LoggerFactory.getLogger(AccessLog.class);

    private final ReactiveMongoTemplate mongo;
    private final Counter failures;

    AccessLog(ReactiveMongoTemplate mongo, MeterRegistry registry) {
        this.mongo = mongo;
        this.failures = Counter.builder("opencredit.persons.access.log.failures")
                .description("access-log writes that failed; each failed the read it was for").register(registry);
    }

    /** Stores the entry (acknowledged write); on failure, a 503 problem and no data. */
    public Mono<Void> write(AccessLogEntry entry) {
        return mongo.insert(entry, COLLECTION)
                .then()
                .onErrorMap(e -> !(e instanceof ProblemException), e -> {
                    failures.increment();
                    // no personal data in the message: the entry's ids only
                    log.error("access log write failed for client {}; the read is refused: {}", entry.client(), e.toString());
                    return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "access-log-unavailable", "Access log unavailable",
                            "the read could not be recorded in the person's access log, so no personal data is returned; try again later");
                });
    }

    /** The person's log, newest first. */
    public Flux<AccessLogEntry> of(String personRef) {
        return mongo.find(Query.query(where("personRef").is(personRef)).with(Sort.by(Sort.Direction.DESC, "at")),
                AccessLogEntry.class, COLLECTION);
    }
}
