package org.opencredit.enterprise.report;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.opencredit.chassis.problem.ProblemException;
import org.opencredit.contracts.catalogue.Catalogue;
import org.opencredit.contracts.catalogue.Category;
import org.opencredit.contracts.identifier.Uscc;
import org.opencredit.enterprise.record.CreditRecord;
import org.opencredit.enterprise.record.RecordService;
import org.opencredit.enterprise.subject.Subject;
import org.opencredit.enterprise.subject.SubjectService;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Builds the report from this service's own data only: subjects, records and the read models.
 * Records enter the report through the {@link RecordIndex}, within about a second of their change.
 */
@Component
class CreditReportAssembler {

    private final SubjectService subjects;
    private final RecordService records;
    private final RatingReadModel ratings;
    private final ListEntryReadModel lists;
    private final RecordIndex index;
    private final Catalogue catalogue;
    private final Clock clock;
    /**
     * A subject's published records as last read, with the index revision they belong to. Reading
     * and mapping the records is most of a report's cost; the revision check (one read by id) keeps
     * the cache exact across service instances. Bounded by the number of records held.
     */
    private final com.github.benmanes.caffeine.cache.Cache<String, CachedRecords> cache;

    private record CachedRecords(long revision, List<CreditRecord> records, CreditReport report) {
    }

    CreditReportAssembler(SubjectService subjects, RecordService records, RatingReadModel ratings, ListEntryReadModel lists,
                          RecordIndex index, Catalogue catalogue, Clock clock,
                          @org.springframework.beans.factory.annotation.Value("${opencredit.report.cached-records:20000}") long cachedRecords,
                          io.micrometer.core.instrument.MeterRegistry registry) {
        this.cache = com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                .maximumWeight(cachedRecords)
                .<String, CachedRecords>weigher((uscc, cached) -> Math.max(1, cached.records().size()))
                .expireAfterAccess(java.time.Duration.ofMinutes(30))
                .recordStats()
                .build();
        io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics.monitor(registry, cache, "credit-report-records");
        this.index = index;
        this.subjects = subjects;
        this.records = records;
        this.ratings = ratings;
        this.lists = lists;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /**
     * The report; the same instance as last time when nothing in it changed (its {@code generatedAt}
     * is when this content was assembled), so the controller can reuse the serialised form.
     */
    Mono<CreditReport> report(String rawUscc) {
        String uscc = Uscc.parse(rawUscc).value();
        return Mono.zip(
                        subjects.lookup(uscc).map(Optional::of).defaultIfEmpty(Optional.empty()),
                        // through the index: a lookup by id, never a scan of all records
                        publishedRecords(uscc),
                        ratings.find(uscc).map(Optional::of).defaultIfEmpty(Optional.empty()),
                        lists.listed(uscc).collectList())
                .flatMap(t -> {
                    Optional<Subject> subject = t.getT1();
                    CachedRecords cached = t.getT2();
                    List<CreditRecord> published = cached.records();
                    if (subject.isEmpty() && published.isEmpty()) {
                        return Mono.error(ProblemException.notFound("subject-not-found", "no subject with USCC " + uscc
                                + " is registered and no record about it is in publicity").with("uscc", uscc));
                    }
                    CreditReport.Rating rating = t.getT3().map(r -> new CreditReport.Rating(r.grade(), r.score(), r.modelVersion(), r.ratedAt()))
                            .orElse(null);
                    List<CreditReport.ListEntry> entries = t.getT4().stream().map(e -> new CreditReport.ListEntry(e.entryId(), e.listType(),
                            e.listName(), e.listedOn(), e.expiresOn(), e.legalBasis(), e.measures())).toList();
                    CreditReport last = cached.report();
                    if (last != null && java.util.Objects.equals(last.subject(), subject.orElse(null))
                            && java.util.Objects.equals(last.rating(), rating) && last.listEntries().equals(entries)) {
                        return Mono.just(last);
                    }
                    String name = subject.map(Subject::name).orElse(published.get(0).subjectName());
                    CreditReport report = new CreditReport(uscc, name, subject.orElse(null), group(published, "NEGATIVE"),
                            group(published, "POSITIVE"), group(published, "NEUTRAL"), rating, entries,
                            clock.instant(), catalogue.version());
                    cache.put(uscc, new CachedRecords(cached.revision(), published, report));
                    return Mono.just(report);
                });
    }

    private Mono<CachedRecords> publishedRecords(String uscc) {
        return index.state(uscc).flatMap(state -> {
            CachedRecords cached = cache.getIfPresent(uscc);
            if (cached != null && cached.revision() == state.revisionOrZero()) {
                return Mono.just(cached);
            }
            return records.publishedByIds(state.published() == null ? List.of() : state.published()).collectList()
                    .map(list -> new CachedRecords(state.revisionOrZero(), List.copyOf(list), null));
        });
    }

    private List<CreditReport.CategoryGroup> group(List<CreditRecord> published, String polarity) {
        Map<String, List<CreditRecord>> byCategory = new TreeMap<>();
        for (CreditRecord r : published) {
            if (r.polarity().equals(polarity)) {
                byCategory.computeIfAbsent(r.category(), k -> new ArrayList<>()).add(r);
            }
        }
        List<CreditReport.CategoryGroup> groups = new ArrayList<>();
        byCategory.forEach((code, list) -> {
            list.sort(Comparator.comparing(CreditRecord::decisionDate).reversed());
            Optional<Category> category = catalogue.category(code);
            groups.add(new CreditReport.CategoryGroup(code, category.map(Category::name).orElse(code),
                    category.map(Category::legalBasis).orElse(null), list.size(), List.copyOf(list)));
        });
        return groups;
    }
}
