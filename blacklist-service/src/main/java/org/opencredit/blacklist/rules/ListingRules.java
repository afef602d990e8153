package org.opencredit.blacklist.rules;

import java.util.Optional;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.opencredit.blacklist.catalogue.ListCatalogue;
import org.opencredit.blacklist.catalogue.ListType;
import org.opencredit.blacklist.config.BlacklistProperties;
import org.opencredit.blacklist.entry.Actor;
import org.opencredit.blacklist.entry.EntryService;
import org.opencredit.blacklist.entry.SubjectRef;
import org.opencredit.blacklist.subject.SubjectDirectory;
import org.opencredit.chassis.consumer.EventConsumer;
import org.opencredit.contracts.events.EventEnvelope;
import org.opencredit.contracts.events.EventTypes;
import org.opencredit.contracts.events.RecordChanged;
import org.opencredit.contracts.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Automatic proposals: a published credit record that matches a configured rule
 * ({@code opencredit.blacklist.listing-rules}) proposes an entry on the rule's list. Only a
 * proposal: the issuing authority notifies and lists it through due process. Idempotent: the
 * record id is the proposal's decision number, and the same decision never proposes twice.
 * A withdrawn or repaired record ends what it started: its proposals are withdrawn, its listed
 * entries removed (ground DECISION_REVOKED or CREDIT_REPAIR).
 */
@Component
class ListingRules {

    static final String CONSUMER = "blacklist-service.listing-rules";
    private static final Logger log = LoggerFactory.getLogger(ListingRules.class);

    private final EventConsumer consumer;
    private final EntryService entries;
    private final ListCatalogue catalogue;
    private final SubjectDirectory subjects;
    private final BlacklistProperties properties;

    ListingRules(EventConsumer consumer, EntryService entries, ListCatalogue catalogue, SubjectDirectory subjects,
                 BlacklistProperties properties) {
        this.consumer = consumer;
        this.entries = entries;
        this.catalogue = catalogue;
        this.subjects = subjects;
        this.properties = properties;
        for (BlacklistProperties.ListingRule rule : properties.listingRules()) {
            if (catalogue.listType(rule.listType()).isEmpty()) {
                throw new IllegalStateException("listing rule for category " + rule.category() + " names unknown list type "
                        + rule.listType() + "; known: " + catalogue.listTypeCodes());
            }
        }
    }

    @KafkaListener(topics = Topics.RECORD, groupId = CONSUMER)
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(CONSUMER, record, Set.of(EventTypes.RECORD_PUBLISHED_V1, EventTypes.RECORD_WITHDRAWN_V1,
                EventTypes.RECORD_REPAIRED_V1), this::apply);
    }

    Mono<?> apply(EventEnvelope event) {
        RecordChanged r = consumer.payload(event, RecordChanged.class);
        if (r.recordId() == null || r.uscc() == null || r.category() == null) {
            throw new EventConsumer.PoisonEventException("record event " + event.id() + " lacks recordId, uscc or category");
        }
        if (EventTypes.RECORD_WITHDRAWN_V1.equals(event.type()) || EventTypes.RECORD_REPAIRED_V1.equals(event.type())) {
            boolean repaired = EventTypes.RECORD_REPAIRED_V1.equals(event.type());
            String reason = "source record " + r.recordId() + (repaired ? " repaired" : " withdrawn")
                    + (r.reason() == null ? "" : ": " + r.reason());
            return entries.endFromRecord(r.uscc(), r.recordId(), repaired ? "CREDIT_REPAIR" : "DECISION_REVOKED", reason)
                    .doOnNext(e -> log.info("list entry {} ended ({}) because {}", e.id(), e.state(), reason))
                    .then();
        }
        Optional<BlacklistProperties.ListingRule> rule = properties.listingRules().stream()
                .filter(x -> x.category().equals(r.category()) && (x.severity() == null || x.severity().equals(r.severity())))
                .findFirst();
        if (rule.isEmpty()) {
            return Mono.empty();
        }
        ListType type = catalogue.listType(rule.get().listType()).orElseThrow();
        return subjects.find(r.uscc()).map(s -> s.name()).defaultIfEmpty("")
                .flatMap(name -> entries.propose(new EntryService.Proposal(r.uscc(), SubjectRef.LEGAL_PERSON,
                        name.isEmpty() ? r.uscc() : name, null, type,
                        "credit record " + r.recordId() + " (" + r.category() + ", decided " + r.decisionDate() + " by "
                                + r.department() + ") meets the entry criteria of " + type.code(),
                        null, r.recordId(), type.issuingAuthority() == null ? "OFFICE" : type.issuingAuthority(), r.recordId(), null,
                        "automatic proposal by listing rule " + r.category() + " -> " + type.code()), Actor.SYSTEM_RULES))
                .doOnNext(p -> {
                    if (p.created()) {
                        log.info("record {} proposed list entry {} on {}", r.recordId(), p.entry().id(), type.code());
                    }
                });
    }
}
