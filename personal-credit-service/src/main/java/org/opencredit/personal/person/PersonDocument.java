package org.opencredit.personal.person;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.opencredit.chassis.outbox.OutboxMessage;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Storage shape of a person: never the identity number in clear. {@code identityHash} (HMAC-SHA256,
 * unique) finds the person; {@code identityNumber} and {@code name} hold AES-GCM ciphertexts. The
 * outbox carries events raised on the person (records deleted by retention). Membership changes are
 * conditional on {@code lock} ({@code <id>#<version>}, unique; see
 * {@link org.opencredit.chassis.store.OptimisticLock}).
 */
@Document(PersonDocument.COLLECTION)
public class PersonDocument {
    public static final String COLLECTION = "persons";

    @Id
    String id;
    @Indexed(unique = true)
    String identityHash;
    String identityNumber;
    String name;
    /**
     * The platform-wide person pseudonym ({@link PersonPseudonyms}), put on record events; {@code null} only in a
     * document stored before the field existed and not yet backfilled (see {@link PseudonymBackfill}).
     */
    String subjectPseudonym;
    List<Membership> memberships = new ArrayList<>();
    Instant registeredAt;
    Long version;
    /** {@code null} only in a document stored before the field existed and not yet backfilled. */
    String lock;
    List<OutboxMessage> outbox = new ArrayList<>();

    public String personRef() {
        return id;
    }

    public String subjectPseudonym() {
        return subjectPseudonym;
    }
}
