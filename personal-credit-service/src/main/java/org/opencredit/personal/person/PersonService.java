package org.opencredit.personal.person;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.types.ObjectId;
import org.opencredit.chassis.problem.ProblemException;
import org.opencredit.chassis.security.Caller;
import org.opencredit.contracts.identifier.ResidentIdentityNumber;
import org.opencredit.contracts.security.ClientKind;
import org.opencredit.chassis.store.OptimisticLock;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/** Persons: registration, lookup by keyed hash, key-group memberships, masked views. */
@Service
public class PersonService {

    static final String IDENTITY_FIELD = "identityNumber";
    static final String NAME_FIELD = "name";

    private final ReactiveMongoTemplate mongo;
    private final IdentityProtection protection;
    private final PersonPseudonyms pseudonyms;
    private final KeyGroups keyGroups;
    private final Clock clock;

    PersonService(ReactiveMongoTemplate mongo, IdentityProtection protection, PersonPseudonyms pseudonyms, KeyGroups keyGroups,
                  Clock clock) {
        this.mongo = mongo;
        this.protection = protection;
        this.pseudonyms = pseudonyms;
        this.keyGroups = keyGroups;
        this.clock = clock;
    }

    /** Validates an identity number (GB 11643) as of today; 400 problem naming the fault otherwise. */
    public ResidentIdentityNumber parse(String raw) {
        return ResidentIdentityNumber.parse(raw, LocalDate.now(clock));
    }

    /** The keyed hash the person is stored under; safe to keep in memory for counting, never logged. */
    public String hashOf(ResidentIdentityNumber id) {
        return protection.hash(id.reveal());
    }

    Mono<PersonView> register(RegisterPersonRequest request, Caller caller) {
        if (caller.kind() == ClientKind.PARTNER) {
            return Mono.error(new ProblemException(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                    "partners may not register persons; departments and the credit office do"));
        }
        ResidentIdentityNumber id = parse(request.identityNumber());
        PersonDocument doc = newDocument(id, request.name().strip());
        return mongo.insert(doc)
                .map(saved -> view(saved, false))
                .onErrorResume(DuplicateKeyException.class, e -> byHash(hashOf(id)).flatMap(existing -> Mono.error(
                        ProblemException.conflict("person-exists", "a person with this identity number is already registered as "
                                + existing.id + "; add memberships or records to it").with("personRef", existing.id))));
    }

    /** The person, registering it first if needed (record submissions name persons by identity number). */
    public Mono<PersonDocument> findOrRegister(ResidentIdentityNumber id, String name) {
        String hash = hashOf(id);
        return byHash(hash)
                .switchIfEmpty(Mono.defer(() -> mongo.insert(newDocument(id, name.strip()))
                        // registered concurrently by another request: use that one
                        .onErrorResume(DuplicateKeyException.class, e -> byHash(hash))));
    }

    /**
     * The persons with these numbers (names used only for those registered here), by number: one read of
     * those registered, one unordered bulk insert of the others; a person registered concurrently by
     * another request is read back. For bulk submissions.
     */
    public Mono<Map<ResidentIdentityNumber, PersonDocument>> findOrRegisterAll(Map<ResidentIdentityNumber, String> names) {
        Map<String, ResidentIdentityNumber> byHash = new LinkedHashMap<>();
        names.keySet().forEach(id -> byHash.put(hashOf(id), id));
        return byHashes(byHash.keySet()).flatMap(found -> {
            List<PersonDocument> missing = byHash.entrySet().stream().filter(e -> !found.containsKey(e.getKey()))
                    .map(e -> newDocument(e.getValue(), e.getKey(), names.get(e.getValue()).strip())).toList();
            Mono<List<PersonDocument>> added = missing.isEmpty() ? Mono.just(List.of())
                    : mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, PersonDocument.class).insert(missing).execute()
                    .then(Mono.just(missing))
                    // some were registered meanwhile (duplicate hash): read them all back
                    .onErrorResume(PersonService::onlyDuplicateKeys, e -> byHashes(missing.stream().map(d -> d.identityHash).toList())
                            .map(m -> List.copyOf(m.values())));
            return added.map(list -> {
                Map<ResidentIdentityNumber, PersonDocument> all = new HashMap<>();
                found.forEach((hash, doc) -> all.put(byHash.get(hash), doc));
                list.forEach(doc -> all.put(byHash.get(doc.identityHash), doc));
                return all;
            });
        });
    }

    /** The registered persons among these numbers, by keyed hash; registers nobody. */
    public Mono<Map<String, PersonDocument>> registered(java.util.Collection<ResidentIdentityNumber> ids) {
        return byHashes(ids.stream().map(this::hashOf).distinct().toList());
    }

    private static boolean onlyDuplicateKeys(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.mongodb.MongoBulkWriteException bulk) {
                return bulk.getWriteErrors().stream().allMatch(w -> w.getCode() == 11000);
            }
        }
        return e instanceof DuplicateKeyException;
    }

    private Mono<Map<String, PersonDocument>> byHashes(java.util.Collection<String> hashes) {
        return mongo.find(Query.query(where("identityHash").in(hashes)), PersonDocument.class).collectMap(d -> d.identityHash, d -> d);
    }

    private PersonDocument newDocument(ResidentIdentityNumber id, String name) {
        return newDocument(id, hashOf(id), name);
    }

    private PersonDocument newDocument(ResidentIdentityNumber id, String hash, String name) {
        PersonDocument doc = new PersonDocument();
        doc.id = newPersonRef();
        doc.version = 0L;
        doc.lock = OptimisticLock.of(doc.id, 0);
        doc.identityHash = hash;
        doc.identityNumber = protection.encrypt(IDENTITY_FIELD, id.reveal());
        doc.subjectPseudonym = pseudonyms.of(id.reveal());
        doc.name = protection.encrypt(NAME_FIELD, name);
        doc.registeredAt = clock.instant();
        return doc;
    }

    /** An opaque reference: random, not derived from the identity number. */
    static String newPersonRef() {
        return "P" + new ObjectId().toHexString();
    }

    /** Lookup by keyed hash: the filter is exactly the unique index's key, so even the embedded store uses the index. */
    public Mono<PersonDocument> byHash(String hash) {
        return mongo.findOne(Query.query(where("identityHash").is(hash)), PersonDocument.class);
    }

    public Mono<PersonDocument> byRef(String personRef) {
        if (personRef == null || !personRef.matches("P[0-9a-f]{24}")) {
            return Mono.empty();
        }
        return mongo.findById(personRef, PersonDocument.class);
    }

    public Mono<Boolean> exists(String personRef) {
        return byRef(personRef).hasElement();
    }

    Mono<PersonView> addMembership(String personRef, MembershipRequest request, Caller caller) {
        if (caller.kind() != ClientKind.DEPARTMENT || caller.department() == null) {
            return Mono.error(new ProblemException(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                    "key-group memberships are recorded by the issuing department's system"));
        }
        KeyGroups.KeyGroup group = keyGroups.group(request.group()).orElseThrow(() -> ProblemException.badRequest("unknown-key-group",
                "Unknown key group", "key group '" + request.group() + "' is not in the reference data; see GET /api/v1/key-groups")
                .with("field", "group"));
        if (!group.departments().contains(caller.department())) {
            return Mono.error(new ProblemException(HttpStatus.FORBIDDEN, "department-not-entitled", "Forbidden",
                    "department " + caller.department() + " does not record members of key group " + group.code() + " (recorded by "
                            + group.departments() + ")"));
        }
        Membership membership = new Membership(group.code(), group.batch(), caller.department(), request.licenceNumber().strip(),
                request.since(), clock.instant());
        // conditional on the lock read, retried on the fresh document: two concurrent requests for the
        // same membership store it once
        return Mono.defer(() -> byRef(personRef)
                        .switchIfEmpty(Mono.error(() -> ProblemException.notFound("person-not-found", "no person " + personRef
                                + " is registered")))
                        .flatMap(doc -> {
                            boolean already = doc.memberships.stream().anyMatch(m -> m.group().equals(group.code())
                                    && m.department().equals(caller.department()) && m.licenceNumber().equals(membership.licenceNumber()));
                            if (already) {
                                return Mono.just(doc);
                            }
                            return mongo.updateFirst(OptimisticLock.expecting(doc.id, doc.version, doc.lock),
                                            OptimisticLock.advance(new Update().push("memberships", membership), doc.id, doc.version),
                                            PersonDocument.class)
                                    .flatMap(r -> r.getMatchedCount() == 0 ? Mono.error(new ConcurrentChange())
                                            : mongo.findById(personRef, PersonDocument.class));
                        }))
                .retryWhen(Retry.backoff(10, java.time.Duration.ofMillis(5)).maxBackoff(java.time.Duration.ofMillis(200))
                        .filter(ConcurrentChange.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> ProblemException.conflict("concurrent-change",
                                "person " + personRef + " kept changing while this request was handled; retry")))
                .map(doc -> view(doc, false));
    }

    /** The person's document changed between read and write. */
    private static final class ConcurrentChange extends RuntimeException {
        ConcurrentChange() {
            super("the person's document changed concurrently", null, false, false);
        }
    }

    /** The caller's view: masked unless {@code reveal} (which the access policy allows only to the credit office). */
    public PersonView view(PersonDocument doc, boolean reveal) {
        String number = protection.decrypt(IDENTITY_FIELD, doc.identityNumber);
        String name = protection.decrypt(NAME_FIELD, doc.name);
        return new PersonView(doc.id, reveal ? number : Masking.identityNumber(number), reveal ? name : Masking.name(name), !reveal,
                List.copyOf(doc.memberships));
    }
}
