package org.opencredit.rating.events;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.opencredit.chassis.store.OptimisticLock;
import org.opencredit.rating.facts.Facts;
import org.opencredit.rating.facts.ListFact;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Joins a person's list entries to the person's records without any identity number. blacklist-service
 * keys a person's list entries by the platform-wide pseudonym ({@code person:<16 hex>}, HMAC with
 * {@code OPENCREDIT_PERSON_PEPPER}); personal-credit-service keys records by its opaque {@code personRef}
 * and puts the same pseudonym on its record events. One document per pseudonym keeps the person's list
 * facts and, once a record event has named it, the {@code personRef} they belong to.
 * <p>
 * Both sides write their own field first and read the other's afterwards (list facts then personRef;
 * personRef then list facts), so whichever arrives second sees both: a list entry is never lost in the
 * race with the first record event that links the person.
 */
@Component
public class PersonLinks {

    public static final String COLLECTION = "person_links";
    private static final Retry CONFLICTS = Retry.max(20).filter(e -> e instanceof StaleLink);

    /**
     * @param version incremented by every change of {@code lists}
     * @param lock    {@code <pseudonym>#<version>}: list writes are conditional on it (the chassis's optimistic lock)
     */
    public record PersonLink(@Id String pseudonym, String personRef, List<ListFact> lists, long version, String lock, Instant updatedAt) {
        public PersonLink {
            lists = lists == null ? List.of() : List.copyOf(lists);
        }
    }

    private static final class StaleLink extends RuntimeException {
        StaleLink() {
            super(null, null, false, false);
        }
    }

    private final ReactiveMongoTemplate mongo;

    PersonLinks(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
        OptimisticLock.prepare(mongo, COLLECTION, Duration.ofSeconds(30));
    }

    /**
     * Keeps a list fact of the person with this pseudonym; emits the link after the write (its
     * {@code personRef} is null while no record event has named the person). An older revision changes nothing.
     */
    public Mono<PersonLink> keep(String pseudonym, ListFact fact, Instant now) {
        return Mono.defer(() -> mongo.findById(pseudonym, PersonLink.class, COLLECTION)
                        .map(Optional::of).defaultIfEmpty(Optional.empty())
                        .flatMap(found -> {
                            List<ListFact> merged = Facts.merge(found.map(PersonLink::lists).orElse(List.of()), fact);
                            if (merged == null) {
                                return Mono.justOrEmpty(found);
                            }
                            if (found.isEmpty()) {
                                // a concurrent first write (this consumer elsewhere, or a record event's link) collides on _id: retry
                                return mongo.insert(new PersonLink(pseudonym, null, merged, 1, OptimisticLock.of(pseudonym, 1), now), COLLECTION)
                                        .onErrorMap(org.springframework.dao.DuplicateKeyException.class, e -> new StaleLink());
                            }
                            PersonLink link = found.get();
                            return mongo.findAndModify(OptimisticLock.expecting(pseudonym, link.version(), link.lock()),
                                            OptimisticLock.advance(new Update().set("lists", merged).set("updatedAt", now), pseudonym,
                                                    link.version()),
                                            FindAndModifyOptions.options().returnNew(true), PersonLink.class, COLLECTION)
                                    .switchIfEmpty(Mono.error(StaleLink::new));
                        }))
                .retryWhen(CONFLICTS);
    }

    /**
     * Records that each pseudonym belongs to its personRef (from person record events) and returns, per
     * personRef, the list facts kept for it so far. Persons already linked cost one read and no write (this
     * runs for every batch of person record events).
     */
    public Mono<Map<String, List<ListFact>>> link(Map<String, String> personRefByPseudonym, Instant now) {
        if (personRefByPseudonym.isEmpty()) {
            return Mono.just(Map.of());
        }
        return read(personRefByPseudonym.keySet()).flatMap(known -> {
            Map<String, String> unlinked = new LinkedHashMap<>();
            personRefByPseudonym.forEach((pseudonym, personRef) -> {
                PersonLink link = known.get(pseudonym);
                if (link == null || !personRef.equals(link.personRef())) {
                    unlinked.put(pseudonym, personRef);
                }
            });
            if (unlinked.isEmpty()) {
                return Mono.just(listsByPersonRef(known.values()));
            }
            // write the link first, then read the lists: a list entry kept meanwhile is seen here or sees the link
            return setRefs(unlinked, now)
                    // a concurrent first write of the same pseudonym by the list consumer collides on _id: set again
                    .onErrorResume(org.springframework.data.mongodb.BulkOperationException.class, e -> setRefs(unlinked, now))
                    .then(read(personRefByPseudonym.keySet()))
                    .map(after -> listsByPersonRef(after.values()));
        });
    }

    private Mono<Map<String, PersonLink>> read(Collection<String> pseudonyms) {
        return mongo.find(Query.query(where("_id").in(pseudonyms)), PersonLink.class, COLLECTION).collectMap(PersonLink::pseudonym);
    }

    private static Map<String, List<ListFact>> listsByPersonRef(Collection<PersonLink> links) {
        return links.stream().filter(l -> l.personRef() != null && !l.lists().isEmpty())
                .collect(Collectors.toMap(PersonLink::personRef, PersonLink::lists, PersonLinks::union));
    }

    private Mono<Void> setRefs(Map<String, String> personRefByPseudonym, Instant now) {
        var bulk = mongo.bulkOps(BulkMode.UNORDERED, COLLECTION);
        personRefByPseudonym.forEach((pseudonym, personRef) -> bulk.upsert(Query.query(where("_id").is(pseudonym)),
                new Update().set("personRef", personRef).setOnInsert("lists", List.of()).setOnInsert(OptimisticLock.VERSION, 0L)
                        .setOnInsert(OptimisticLock.FIELD, OptimisticLock.of(pseudonym, 0)).set("updatedAt", now)));
        return bulk.execute().then();
    }

    /** Every fact of both lists, the newest revision of each entry. */
    public static List<ListFact> union(List<ListFact> a, List<ListFact> b) {
        List<ListFact> out = new ArrayList<>(a);
        for (ListFact f : b) {
            List<ListFact> merged = Facts.merge(out, f);
            if (merged != null) {
                out = merged;
            }
        }
        return out;
    }
}
