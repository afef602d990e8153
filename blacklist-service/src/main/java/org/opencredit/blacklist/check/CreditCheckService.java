package org.opencredit.blacklist.check;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.opencredit.blacklist.catalogue.ListCatalogue;
import org.opencredit.blacklist.catalogue.ListType;
import org.opencredit.blacklist.catalogue.Measure;
import org.opencredit.blacklist.entry.EntryService;
import org.opencredit.blacklist.entry.Ledger;
import org.opencredit.blacklist.entry.ListEntry;
import org.opencredit.blacklist.entry.ListedEntries;
import org.opencredit.blacklist.entry.SubjectRef;
import org.opencredit.blacklist.rating.RatingReadModel;
import org.opencredit.blacklist.subject.SubjectDirectory;
import org.opencredit.chassis.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Answers credit checks from local data only: the subject's listed entries and those of organisations
 * that named a person legal representative (held in memory by {@link ListedEntries}; read from the
 * ledgers by id until it has loaded), the rating read model and the subject directory (reads by id).
 * Every check is logged (collection {@code credit_checks}, group-committed by {@link CheckLog}, never
 * the identity number) before it is answered, and counted by scenario and verdict.
 */
@Service
class CreditCheckService {

    static final String LOG_COLLECTION = CheckLog.COLLECTION;
    static final String REPRESENTATIVES = EntryService.REPRESENTATIVES;
    private static final Logger log = LoggerFactory.getLogger(CreditCheckService.class);

    private final EntryService entries;
    private final RatingReadModel ratings;
    private final SubjectDirectory subjects;
    private final ListCatalogue catalogue;
    private final ReactiveMongoTemplate mongo;
    private final MeterRegistry registry;
    private final ListedEntries listed;
    private final CheckLog checkLog;

    CreditCheckService(EntryService entries, RatingReadModel ratings, SubjectDirectory subjects, ListCatalogue catalogue,
                       ReactiveMongoTemplate mongo, MeterRegistry registry, ListedEntries listed, CheckLog checkLog) {
        this.listed = listed;
        this.checkLog = checkLog;
        this.entries = entries;
        this.ratings = ratings;
        this.subjects = subjects;
        this.catalogue = catalogue;
        this.mongo = mongo;
        this.registry = registry;
    }

    Mono<CreditCheck> check(SubjectRef subject, String scenario, String purpose, Caller caller) {
        LocalDate today = entries.today();
        boolean person = SubjectRef.NATURAL_PERSON.equals(subject.kind());
        Mono<List<Found>> own;
        Mono<List<Found>> represented;
        if (listed.ready()) {
            own = Mono.just(listed.listed(subject.id()).stream().map(e -> new Found(e, null)).toList());
            represented = Mono.just(person ? listed.representing(subject.id()).stream().map(e -> new Found(e, e.subject())).toList()
                    : List.of());
        } else {
            own = entries.ledger(subject.id()).map(l -> found(l, null)).defaultIfEmpty(List.of());
            represented = person ? representedOrganisations(subject.id()) : Mono.just(List.of());
        }
        Mono<String> name = subject.uscc() != null ? subjects.find(subject.uscc()).map(s -> s.name()).defaultIfEmpty("") : Mono.just("");
        Mono<CreditCheck.Rating> rating = ratings.find(subject.id())
                .map(r -> new CreditCheck.Rating("RATED", r.grade(), r.score(), r.modelVersion(), r.ratedAt()))
                .defaultIfEmpty(new CreditCheck.Rating("NOT_YET_RATED", null, null, null, null));
        // The verdict needs only the entries; the log needs only the verdict. So the log is written while the
        // subject's name and rating are read, and the answer waits for all three: no answer without its log.
        return Mono.zip(own, represented).flatMap(t -> {
            List<CreditCheck.AppliedMeasure> restrictions = new ArrayList<>();
            List<CreditCheck.AppliedMeasure> incentives = new ArrayList<>();
            String listedName = null;
            for (Found f : t.getT1()) {
                if (listedName == null && f.entry().subjectName() != null) {
                    listedName = f.entry().subjectName();
                }
            }
            List<Found> all = new ArrayList<>(t.getT1());
            all.addAll(t.getT2());
            for (Found f : all) {
                ListEntry e = f.entry();
                if (!e.inForce(today)) {
                    continue;
                }
                ListType type = catalogue.listType(e.listType()).orElseThrow();
                for (Measure m : catalogue.measuresOf(e.listType())) {
                    boolean applies = f.organisation() == null ? m.appliesTo(e.listType(), scenario, subject.kind())
                            : m.bindsLegalRepresentative() && m.scenarios().contains(scenario);
                    if (!applies) {
                        continue;
                    }
                    CreditCheck.AppliedMeasure applied = new CreditCheck.AppliedMeasure(m.code(), m.name(), m.level(), m.effect(),
                            m.legalBasis(), new CreditCheck.Entry(e.id(), e.listType(), type.name(), e.legalBasis(), e.decisionNumber(),
                            e.authority(), e.listedOn(), e.expiresOn(), f.organisation()),
                            f.organisation() == null ? "SUBJECT" : "LEGAL_REPRESENTATIVE");
                    ("INCENTIVE".equals(m.effect()) ? incentives : restrictions).add(applied);
                }
            }
            restrictions.sort(Comparator.comparing((CreditCheck.AppliedMeasure a) -> "PROHIBIT".equals(a.effect()) ? 0 : 1));
            Verdict verdict = restrictions.stream().anyMatch(a -> "PROHIBIT".equals(a.effect())) ? Verdict.PROHIBITED
                    : restrictions.isEmpty() ? Verdict.NO_RESTRICTION : Verdict.RESTRICTED;
            String checkId = UUID.randomUUID().toString();
            java.time.Instant checkedAt = entries.now();
            List<String> measures = restrictions.stream().map(CreditCheck.AppliedMeasure::code).distinct().toList();
            String fallbackName = listedName;
            return Mono.zip(logged(checkId, checkedAt, subject, scenario, purpose, verdict, measures, caller).thenReturn(true), name, rating)
                    .map(r -> {
                        String subjectName = !r.getT2().isEmpty() ? r.getT2() : fallbackName;
                        return new CreditCheck(checkId, new CreditCheck.Subject(subject.kind(), subject.uscc(),
                                subject.maskedIdentityNumber(), subjectName),
                                scenario, purpose, verdict, summary(verdict, scenario, restrictions, incentives), List.copyOf(restrictions),
                                List.copyOf(incentives), r.getT3(), catalogue.version(), checkedAt);
                    });
        });
    }

    /** An entry of the subject's own ledger, or of an organisation's ledger that names the person legal representative. */
    private record Found(ListEntry entry, String organisation) {
    }

    private static List<Found> found(Ledger ledger, String organisation) {
        return ledger.entries().stream().map(e -> new Found(e, organisation)).toList();
    }

    /** Entries of organisations whose entries name this person as legal representative (links written at proposal). */
    private Mono<List<Found>> representedOrganisations(String person) {
        return mongo.findById(person, Document.class, REPRESENTATIVES)
                .flatMapMany(doc -> Flux.fromIterable(doc.getList("organisations", String.class, List.of())))
                .concatMap(entries::ledger)
                .flatMapIterable(l -> l.entries().stream()
                        .filter(e -> e.legalRepresentative() != null && person.equals(e.legalRepresentative().subject()))
                        .map(e -> new Found(e, l.subject())).toList())
                .collectList();
    }

    private String summary(Verdict verdict, String scenario, List<CreditCheck.AppliedMeasure> restrictions,
                           List<CreditCheck.AppliedMeasure> incentives) {
        String scenarioName = catalogue.scenario(scenario).map(s -> s.name() + " (" + s.nameEn() + ")").orElse(scenario);
        String lists = restrictions.stream().map(a -> a.entry().listName()).distinct().collect(Collectors.joining("、"));
        String text = switch (verdict) {
            case NO_RESTRICTION -> "No catalogued measure restricts this subject for " + scenarioName + "; decide as usual.";
            case PROHIBITED -> "Do not grant: the subject is on " + lists + " and " + restrictions.stream()
                    .filter(a -> "PROHIBIT".equals(a.effect())).map(a -> a.code()).distinct().collect(Collectors.joining(", "))
                    + " prohibits " + scenarioName + " (legal basis with each measure).";
            case RESTRICTED -> "Grant only under the listed measures: the subject is on " + lists + "; "
                    + restrictions.stream().map(a -> a.code()).distinct().collect(Collectors.joining(", ")) + " apply to " + scenarioName + ".";
        };
        return incentives.isEmpty() ? text : text + " Red-list incentives also apply: "
                + incentives.stream().map(a -> a.code()).distinct().collect(Collectors.joining(", ")) + ".";
    }

    /** Logs the check (who, whom, scenario, purpose, outcome); the answer waits for it: no answer without its log. */
    private Mono<Void> logged(String checkId, java.time.Instant checkedAt, SubjectRef subject, String scenario, String purpose,
                              Verdict verdict, List<String> measures, Caller caller) {
        Document entry = new Document("_id", checkId)
                .append("checkedAt", Date.from(checkedAt))
                .append("client", caller.clientId()).append("clientKind", caller.kind().name())
                .append("department", caller.department())
                .append("subject", subject.id()).append("subjectKind", subject.kind())
                .append("scenario", scenario).append("purpose", purpose)
                .append("verdict", verdict.name())
                .append("measures", measures)
                .append("catalogue", catalogue.version());
        return checkLog.write(entry).then(Mono.fromRunnable(() -> {
            registry.counter("opencredit.credit.checks", "scenario", scenario, "verdict", verdict.name()).increment();
            // the subject id of a person is its keyed pseudonym: the identity number never reaches a log. The
            // record of the check is the credit_checks document written above; this line is for debugging only
            log.debug("credit check {} by {} ({}) of {} for {}: {}", checkId, caller.clientId(), caller.kind(), subject.id(), scenario, verdict);
        }));
    }
}
