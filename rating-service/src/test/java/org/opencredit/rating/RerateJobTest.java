package org.opencredit.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencredit.contracts.security.ClientKind;
import org.opencredit.contracts.security.Scopes;
import org.opencredit.rating.facts.ListFact;
import org.opencredit.rating.facts.RecordFact;
import org.opencredit.rating.job.RerateJob;
import org.opencredit.rating.job.RerateJobs;
import org.opencredit.rating.rating.RatedSubject;
import org.opencredit.rating.rating.RatingService;
import org.opencredit.rating.report.PlatformUsage;
import org.opencredit.rating.report.ReportService;
import org.opencredit.contracts.events.AccessAudited;
import java.time.Instant;
import org.opencredit.testkit.CreditInfrastructure;
import org.opencredit.testkit.TestTokens;
import org.opencredit.testkit.data.GeneratedEnterprise;
import org.opencredit.testkit.data.ProvinceDataGenerator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/**
 * Activating a model re-rates every subject in a background job that keeps the old model current
 * until it is done, can be resumed after an interruption without starting over, and reports progress.
 */
@ExtendWith(CreditInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "opencredit.rating.job-autostart=false", "opencredit.rating.job-batch-size=100", "opencredit.rating.job-resume-interval=PT1H",
        "spring.mongodb.database=rating-jobs"})
@AutoConfigureWebTestClient(timeout = "60s")
class RerateJobTest {

    /** A fresh token for each request: internal tokens are short-lived and seeding may take a while on a loaded machine. */
    static String admin() {
        return TestTokens.client("credit-office", ClientKind.OFFICE, null, null, Scopes.RATINGS_READ, Scopes.RATINGS_ADMIN);
    }

    @Autowired
    WebTestClient http;
    @Autowired
    RatingService ratings;
    @Autowired
    RerateJobs jobs;
    @Autowired
    ReportService reports;
    @Autowired
    ReactiveMongoTemplate mongo;
    @Autowired
    org.opencredit.rating.model.ModelRegistry models;
    @Autowired
    MeterRegistry registry;
    @Autowired
    PlatformUsage usage;
    @Autowired
    org.opencredit.rating.review.GradeMetrics gradeMetrics;

    static final String STRICTER = TestModels.STRICTER;

    void seed(int count) {
        LocalDate asOf = ratings.today();
        Flux.fromStream(new ProvinceDataGenerator(11, asOf).enterprises(count))
                .flatMap(e -> ratings.update(e.uscc(), RatedSubject.LEGAL_PERSON, s -> facts(s, e), "seeded"), 8)
                .blockLast();
    }

    static RatedSubject facts(RatedSubject s, GeneratedEnterprise e) {
        List<RecordFact> records = e.records().stream().map(r -> new RecordFact(r.recordId(), r.category(), r.severity(), r.polarity(),
                r.department(), r.decisionDate(), r.publicityEnds(), "PUBLISHED", 1, false)).toList();
        List<ListFact> lists = e.listEntries().stream().map(l -> new ListFact(l.entryId(), l.listType(), "LISTED", l.listedOn(),
                l.expiresOn(), 1)).toList();
        return new RatedSubject(s.subject(), s.subjectKind(), e.name(), e.regionCode(), e.industryCode(), e.entityKind(), records, lists,
                s.current(), s.candidate(), s.review(), s.nextReviewOn(), s.history(), s.outbox(), s.version(), s.lock(), s.updatedAt(), null);
    }

    double counter() {
        return registry.get("opencredit.rating.job.subjects.rated").counter().count();
    }

    @Test
    void aModelRollsOutThroughAResumableJobAndAllSubjectsSwitchTogether() {
        seed(1000);
        long total = mongo.count(Query.query(where("subjectKind").is(RatedSubject.LEGAL_PERSON)), RatedSubject.COLLECTION).block();
        assertThat(total).isGreaterThanOrEqualTo(1000);

        http.post().uri("/api/v1/rating-models").header(HttpHeaders.AUTHORIZATION, admin()).contentType(MediaType.parseMediaType("application/yaml"))
                .bodyValue(STRICTER.replace("weight: 0.20", "weight: 0.30")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("sum to"));
        http.post().uri("/api/v1/rating-models").header(HttpHeaders.AUTHORIZATION, admin()).contentType(MediaType.parseMediaType("application/yaml"))
                .bodyValue(STRICTER.getBytes(StandardCharsets.UTF_8)).exchange()
                .expectStatus().isCreated().expectBody().jsonPath("$.version").isEqualTo("2026.2-test");
        http.post().uri("/api/v1/rating-models/enterprise@2026.1/activation").header(HttpHeaders.AUTHORIZATION, admin()).exchange()
                .expectStatus().isEqualTo(409);

        String id = http.post().uri("/api/v1/rating-models/enterprise@2026.2-test/activation").header(HttpHeaders.AUTHORIZATION, admin())
                .exchange().expectStatus().isAccepted().expectBody(java.util.Map.class).returnResult()
                .getResponseBody().get("id").toString();
        http.post().uri("/api/v1/rating-models/enterprise@2026.2-test/activation").header(HttpHeaders.AUTHORIZATION, admin()).exchange()
                .expectStatus().isEqualTo(409);

        // three batches, then the runner stops (as if its instance died)
        double before = counter();
        RerateJob paused = jobs.runNow(id, 3).block();
        assertThat(paused.state()).isEqualTo(RerateJob.RUNNING);
        assertThat(paused.done()).isEqualTo(300);
        assertThat(paused.cursor()).isNotNull();
        RatedSubject early = ratings.find(paused.cursor()).block();
        assertThat(early.candidate().model()).isEqualTo("enterprise@2026.2-test");
        assertThat(ratings.visible(early).orElseThrow().model()).as("the old model stays current during the job")
                .isEqualTo("enterprise@2026.1");
        http.get().uri("/api/v1/rating-jobs/" + id).header(HttpHeaders.AUTHORIZATION, admin()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.phase").isEqualTo("RUNNING").jsonPath("$.done").isEqualTo(300)
                .jsonPath("$.total").isEqualTo((int) total).jsonPath("$.ratePerSecond").value(r -> assertThat(((Number) r).doubleValue()).isPositive())
                .jsonPath("$.etaSeconds").exists();
        assertThat(registry.get("opencredit.rating.job.done").tag("subjectKind", "LEGAL_PERSON").gauge().value()).isEqualTo(300);

        // the grade gauge counts current ratings by kind and grade
        java.util.Map<String, Long> grades = gradeMetrics.refresh().block();
        assertThat(grades.get("LEGAL_PERSON/B")).isGreaterThan(500);
        assertThat(grades.values().stream().mapToLong(Long::longValue).sum()).isGreaterThanOrEqualTo(total);
        assertThat(registry.get("opencredit.ratings").tag("subjectKind", "LEGAL_PERSON").tag("grade", "B").gauge().value())
                .isEqualTo(grades.get("LEGAL_PERSON/B").doubleValue());

        assertThat(early.candidate().dimensions()).as("a candidate is stored without its explanation").isEmpty();

        // resumed: computes the remaining candidates once, switches every subject at once, promotes one batch and
        // stops again (as if its instance died during promotion)
        long remaining = (total - 300 + 99) / 100;
        RerateJob promoting = jobs.runNow(id, remaining + 1).block();
        assertThat(promoting.state()).isEqualTo(RerateJob.PROMOTING);
        assertThat(promoting.done()).isEqualTo(100);
        // the new model is active, but its candidates are not all promoted: no other rollout may start and replace them
        http.post().uri("/api/v1/rating-models/enterprise@2026.1/activation").header(HttpHeaders.AUTHORIZATION, admin()).exchange()
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.detail").value(d -> assertThat((String) d)
                        .contains(id).contains("PROMOTING").contains("when it has completed"));
        assertThat(models.state(RatedSubject.LEGAL_PERSON).candidate()).as("the refused activation holds no rollout").isNull();
        // past the first promoted batch: a subject whose score or grade the new model changes, and one it rates the same
        List<RatedSubject> switched = mongo.find(new Query().with(org.springframework.data.domain.Sort.by("_id")), RatedSubject.class,
                RatedSubject.COLLECTION).collectList().block();
        RatedSubject unpromoted = switched.stream().skip(100).filter(s -> s.candidate().differsFrom(s.current())).findFirst().orElseThrow();
        RatedSubject same = switched.stream().skip(100).filter(s -> !s.candidate().differsFrom(s.current())).findFirst().orElseThrow();
        // in the first, promoted batch, one the new model rates the same
        RatedSubject sameEarly = switched.stream().limit(100).filter(s -> s.candidate() != null).findFirst().orElseThrow();
        assertThat(sameEarly.candidate().differsFrom(sameEarly.current())).isFalse();
        assertThat(unpromoted.current().model()).isEqualTo("enterprise@2026.1");
        org.opencredit.rating.rating.Assessment seen = ratings.visible(unpromoted).orElseThrow();
        assertThat(seen.model()).as("switched together: readers see the new model before the subject is promoted")
                .isEqualTo("enterprise@2026.2-test");
        assertThat(seen.dimensions()).as("explained, recomputed from the same facts and day").isNotEmpty();
        assertThat(seen.score()).isEqualTo(unpromoted.candidate().score());

        RerateJob done = jobs.runNow(id, Long.MAX_VALUE).block();
        assertThat(done.state()).isEqualTo(RerateJob.COMPLETED);
        assertThat(done.runs()).isEqualTo(3);
        RatedSubject promoted = ratings.find(unpromoted.subject()).block();
        assertThat(promoted.current().model()).isEqualTo("enterprise@2026.2-test");
        assertThat(promoted.current().score()).isEqualTo(seen.score());
        assertThat(promoted.current().grade()).isEqualTo(seen.grade());
        assertThat(promoted.current().factors()).as("promotion stores the explanation readers were shown").isEqualTo(seen.factors());
        assertThat(promoted.current().dimensions()).isEqualTo(seen.dimensions());
        assertThat(promoted.candidate()).isNull();
        assertThat(done.changed()).isPositive().isLessThan(total);
        assertThat(counter() - before).as("each subject's candidate computed once (the first 300 not again), only changed ones promoted")
                .isEqualTo((double) total + done.changed());
        // a subject the new model rates the same is not written by promotion: it keeps its candidate, which readers see
        RatedSubject kept = ratings.find(same.subject()).block();
        assertThat(kept.version()).as("not written during promotion").isEqualTo(same.version());
        assertThat(kept.candidate().model()).isEqualTo("enterprise@2026.2-test");
        http.get().uri("/api/v1/ratings/" + same.subject()).header(HttpHeaders.AUTHORIZATION, admin()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.model").isEqualTo("enterprise@2026.2-test").jsonPath("$.score").isEqualTo(same.current().score())
                .jsonPath("$.grade").isEqualTo(same.current().grade()).jsonPath("$.dimensions.length()").isEqualTo(4)
                .jsonPath("$.reason").isEqualTo(same.current().reason());
        List<RatedSubject> after = mongo.find(new Query(), RatedSubject.class, RatedSubject.COLLECTION).collectList().block();
        assertThat(after).as("every reader sees the new model, explained").allSatisfy(s -> {
            assertThat(ratings.visible(s).orElseThrow().model()).isEqualTo("enterprise@2026.2-test");
            assertThat(ratings.visible(s).orElseThrow().dimensions()).isNotEmpty();
        });
        assertThat(after.stream().filter(s -> s.candidate() != null)).as("promoted: exactly the changed subjects")
                .hasSize((int) (total - done.changed()))
                .allSatisfy(s -> assertThat(s.candidate().differsFrom(s.current())).isFalse());
        http.get().uri("/api/v1/rating-models").header(HttpHeaders.AUTHORIZATION, admin()).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.key == 'enterprise@2026.2-test')].status").isEqualTo("ACTIVE")
                .jsonPath("$[?(@.key == 'enterprise@2026.1')].status").isEqualTo("AVAILABLE");
        http.get().uri("/api/v1/rating-jobs/" + id).header(HttpHeaders.AUTHORIZATION, admin()).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.phase").isEqualTo("COMPLETED").jsonPath("$.percent").isEqualTo(100.0);
        RatedSubject changed = mongo.findOne(Query.query(where("history.reason").regex("activated")), RatedSubject.class,
                RatedSubject.COLLECTION).block();
        assertThat(changed).as("a subject whose grade or score the new model changed has a history entry naming the job").isNotNull();
        assertThat(changed.history().get(changed.history().size() - 1)).satisfies(h -> {
            assertThat(h.model()).isEqualTo("enterprise@2026.2-test");
            assertThat(h.reason()).contains(id);
            assertThat(h.score() != h.previousScore() || !h.grade().equals(h.previousGrade())).isTrue();
        });

        // the regional report over the re-rated province, as JSON and as CSV; two county governments' clients
        // used the platform (a refused request and a client without a recorded government do not count)
        Instant t = Instant.now();
        for (String[] use : new String[][]{{"330106", "200"}, {"330106", "200"}, {"330102", "201"}, {"330103", "403"}, {null, "200"}}) {
            usage.apply(new AccessAudited("c", t, "client", "p", "enterprise-credit-service", "GET", "/api/v1/enterprises", null, null,
                    Integer.parseInt(use[1]), 3, "DEPARTMENT", use[0])).block();
        }
        reports.snapshot().block();
        http.get().uri("/api/v1/reports/regional?region=33").header(HttpHeaders.AUTHORIZATION, admin()).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.enterprises.rated").value(n -> assertThat(((Number) n).longValue()).isGreaterThanOrEqualTo(1000))
                .jsonPath("$.byRegion[0].group").value(g -> assertThat((String) g).startsWith("33").hasSize(4))
                .jsonPath("$.byIndustry[0].group").value(g -> assertThat((String) g).hasSize(1))
                .jsonPath("$.indicators[?(@.code == 'ENTERPRISE_COVERAGE')].denominator").isEqualTo(792000)
                .jsonPath("$.indicators[?(@.code == 'LOCAL_GOVERNMENT_USAGE')].numerator").isEqualTo(2)
                .jsonPath("$.indicators[?(@.code == 'LOCAL_GOVERNMENT_USAGE')].denominator").isEqualTo(90)
                .jsonPath("$.indicators[?(@.code == 'TRAINING_SHARE')].note").value(n -> assertThat(n.toString()).contains("not measured"))
                .jsonPath("$.trend.length()").isEqualTo(1);
        http.get().uri("/api/v1/reports/regional?region=3301&format=csv").header(HttpHeaders.AUTHORIZATION, admin()).exchange()
                .expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
                .expectBody(String.class).value(csv -> assertThat(csv).startsWith("section,group,total,A,B,C,D\n")
                        .contains("\nregion,3301").contains("indicator,value,target"));
        http.get().uri("/api/v1/reports/regional?region=3x").header(HttpHeaders.AUTHORIZATION, admin()).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("GB/T 2260"));
        http.get().uri("/api/v1/reports/regional").header(HttpHeaders.AUTHORIZATION, TestTokens.partner(Scopes.RATINGS_READ)).exchange()
                .expectStatus().isForbidden();

        // a later rollout: its candidates phase makes the ratings the previous job left as candidates current (still
        // slim) before replacing the candidate, so readers keep seeing the active model's rating, explained, until its switch
        String third = STRICTER.replace("2026.2-test", "2026.3-test").replace("MINOR: -200", "MINOR: -300");
        http.post().uri("/api/v1/rating-models").header(HttpHeaders.AUTHORIZATION, admin()).contentType(MediaType.parseMediaType("application/yaml"))
                .bodyValue(third.getBytes(StandardCharsets.UTF_8)).exchange().expectStatus().isCreated();
        String id3 = http.post().uri("/api/v1/rating-models/enterprise@2026.3-test/activation").header(HttpHeaders.AUTHORIZATION, admin())
                .exchange().expectStatus().isAccepted().expectBody(java.util.Map.class).returnResult()
                .getResponseBody().get("id").toString();
        assertThat(jobs.runNow(id3, 1).block().done()).isEqualTo(100);
        RatedSubject settled = ratings.find(sameEarly.subject()).block();
        assertThat(settled.candidate().model()).isEqualTo("enterprise@2026.3-test");
        assertThat(settled.current().model()).isEqualTo("enterprise@2026.2-test");
        assertThat(settled.current().score()).isEqualTo(sameEarly.current().score());
        assertThat(settled.current().ratedAt()).as("it did not change: rated when it last changed").isEqualTo(sameEarly.current().ratedAt());
        org.opencredit.rating.rating.Assessment shown = ratings.visible(settled).orElseThrow();
        assertThat(shown.model()).isEqualTo("enterprise@2026.2-test");
        assertThat(shown.dimensions()).isNotEmpty();
        assertThat(shown.factors()).isEqualTo(ratings.visible(sameEarly).orElseThrow().factors());
        http.get().uri("/api/v1/ratings/" + same.subject()).header(HttpHeaders.AUTHORIZATION, admin()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.model").isEqualTo("enterprise@2026.2-test");
        assertThat(jobs.runNow(id3, Long.MAX_VALUE).block().state()).isEqualTo(RerateJob.COMPLETED);
        assertThat(mongo.find(new Query(), RatedSubject.class, RatedSubject.COLLECTION).collectList().block())
                .allSatisfy(s -> assertThat(ratings.visible(s).orElseThrow().model()).isEqualTo("enterprise@2026.3-test"));
    }
}
