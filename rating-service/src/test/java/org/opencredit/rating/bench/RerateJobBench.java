package org.opencredit.rating.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.opencredit.rating.RatingApplication;
import org.opencredit.rating.job.RerateJob;
import org.opencredit.rating.job.RerateJobs;
import org.opencredit.rating.model.ModelRegistry;
import org.opencredit.rating.model.Scorer;
import org.opencredit.rating.facts.ListFact;
import org.opencredit.rating.facts.RecordFact;
import org.opencredit.rating.rating.Assessment;
import org.opencredit.rating.rating.RatedSubject;
import org.opencredit.rating.rating.RatingService;
import org.opencredit.testkit.CreditInfrastructure;
import org.opencredit.testkit.data.GeneratedEnterprise;
import org.opencredit.testkit.data.ProvinceDataGenerator;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;

/**
 * A re-rating job over N generated enterprises against the raw write rate of the same store in the
 * same run (not a test: run by hand, command in bench/RESULTS.md). The service, the Kafka broker and
 * the MongoDB-wire server (memory backend) share this JVM.
 * <p>
 * Baselines: the first 200,000 of the same documents inserted into a scratch collection in batches of
 * 1,000 ({@code insertAll}, generated and rated on the way exactly as the seed), and one field set on
 * each of them by unordered bulk updates of 1,000 by id.
 * <p>
 * Arguments: [subjects=800000] [mongodb-uri or "-"] [baseline documents=200000]: with a URI (for example {@code mongodb://127.0.0.1:27018} of a
 * store started with {@code org.opencredit.testkit.MongoWireServer 27018} in its own JVM) the service uses that
 * store instead of an in-process one, so the store's heap and the service's are measured apart.
 */
public final class RerateJobBench {

    static final String MODEL = org.opencredit.rating.TestModels.STRICTER.replace("2026.2-test", "2026.2-bench");

    /** Generates subjects [from, to), rates them under the active model and inserts them in batches of 1,000. */
    static void insert(ReactiveMongoTemplate mongo, ModelRegistry models, LocalDate today, Instant now, int from, int to, String collection) {
        ProvinceDataGenerator generator = new ProvinceDataGenerator(42, today);
        List<RatedSubject> batch = new ArrayList<>(1000);
        for (int i = from; i < to; i++) {
            GeneratedEnterprise e = generator.enterprise(i);
            List<RecordFact> records = e.records().stream().map(r -> new RecordFact(r.recordId(), r.category(), r.severity(), r.polarity(),
                    r.department(), r.decisionDate(), r.publicityEnds(), "PUBLISHED", 1, false)).toList();
            List<ListFact> lists = e.listEntries().stream().map(l -> new ListFact(l.entryId(), l.listType(), "LISTED", l.listedOn(),
                    l.expiresOn(), 1)).toList();
            Assessment current = Assessment.of(Scorer.rate(models.active(RatedSubject.LEGAL_PERSON), records, lists, today), now, "seeded");
            batch.add(new RatedSubject(e.uscc(), RatedSubject.LEGAL_PERSON, e.name(), e.regionCode(), e.industryCode(), e.entityKind(),
                    records, lists, current, null, null, current.nextChangeOn(), List.of(), List.of(), 1, RatedSubject.lockOf(e.uscc(), 1), now, null));
            if (batch.size() == 1000 || i == to - 1) {
                mongo.insertAll(Mono.just(batch), collection).then().block();
                batch = new ArrayList<>(1000);
            }
        }
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 800_000;
        CreditInfrastructure.get();
        if (args.length > 1 && !"-".equals(args[1])) {
            System.setProperty("spring.mongodb.uri", args[1]);
        }
        // the service's own configuration only: the test configuration on this classpath sweeps the outbox every
        // 300 ms (a scan of all subjects on the embedded store while it keeps finding messages), production every 2 s
        System.setProperty("spring.config.location", "classpath:/application.yml");
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(RatingApplication.class)
                // arguments, not default properties: the service's application.yml overrides those (until 2026-11-28 the
                // review every 10 min, the grade gauge's recount every 60 s and port 8083 applied despite these settings)
                .run("--server.port=0", "--eureka.client.enabled=false", "--logging.level.root=WARN", "--logging.level.org.opencredit=WARN",
                        "--opencredit.rating.job-autostart=false", "--opencredit.rating.job-resume-interval=PT24H",
                        "--opencredit.rating.review-interval=PT24H", "--opencredit.rating.metrics-interval=PT24H");
        ReactiveMongoTemplate mongo = ctx.getBean(ReactiveMongoTemplate.class);
        ModelRegistry models = ctx.getBean(ModelRegistry.class);
        RatingService ratings = ctx.getBean(RatingService.class);
        RerateJobs jobs = ctx.getBean(RerateJobs.class);
        LocalDate today = ratings.today();
        Instant now = ratings.now();

        // the subjects as the event path leaves them (facts and a current rating under the active model),
        // generated batch by batch: the store holds them, this JVM's heap need not hold them twice
        long t0 = System.nanoTime();
        insert(mongo, models, today, now, 0, n, RatedSubject.COLLECTION);
        double seedSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("seed: generated, rated and inserted %d subjects in %.1f s (%.0f/s)%n", n, seedSeconds, n / seedSeconds);

        // baselines on the first min(n, 200,000) of the same documents (a rate per document; a second full
        // copy of 800,000 documents would not fit the embedded store's heap next to the first)
        int m = Math.min(n, args.length > 2 ? Integer.parseInt(args[2]) : 200_000);
        t0 = System.nanoTime();
        insert(mongo, models, today, now, 0, m, "raw_baseline");
        double insertSeconds = (System.nanoTime() - t0) / 1e9;
        double insertRate = m / insertSeconds;
        System.out.printf("baseline insert (documents generated and rated on the way, as in the seed): %d docs in %.1f s = %.0f docs/s%n",
                m, insertSeconds, insertRate);

        t0 = System.nanoTime();
        ProvinceDataGenerator ids = new ProvinceDataGenerator(42, today);
        for (int from = 0; from < m; from += 1000) {
            var bulk = mongo.bulkOps(BulkMode.UNORDERED, RatedSubject.class, "raw_baseline");
            for (int i = from; i < Math.min(m, from + 1000); i++) {
                bulk.updateOne(Query.query(Criteria.where("_id").is(ids.enterprise(i).uscc())), new Update().set("touched", now));
            }
            bulk.execute().block();
        }
        double updateSeconds = (System.nanoTime() - t0) / 1e9;
        double updateRate = m / updateSeconds;
        System.out.printf("baseline bulk update by id: %d docs in %.1f s = %.0f docs/s%n", m, updateSeconds, updateRate);
        mongo.dropCollection("raw_baseline").block();
        System.gc();

        models.upload(MODEL, "bench", now).block();
        RerateJob job = jobs.activate("enterprise@2026.2-bench", "bench").block();
        t0 = System.nanoTime();
        RerateJob done = jobs.runNow(job.id(), Long.MAX_VALUE).block(Duration.ofHours(2));
        double jobSeconds = (System.nanoTime() - t0) / 1e9;
        double candidates = Duration.between(done.startedAt(), done.switchedAt()).toMillis() / 1000.0;
        double promote = Duration.between(done.switchedAt(), done.completedAt()).toMillis() / 1000.0;
        System.out.printf("job %s: %s, %d subjects, %d changed score or grade%n", done.id(), done.state(), done.total(), done.changed());
        System.out.printf("  candidates phase %.1f s (%.0f subjects/s), promote phase %.1f s (%.0f subjects/s)%n", candidates,
                done.total() / candidates, promote, done.total() / promote);
        double rate = done.total() / jobSeconds;
        System.out.printf("  whole job %.1f s = %.0f subjects/s: %.0f%% of baseline insert, %.0f%% of baseline bulk update%n", jobSeconds, rate,
                100 * rate / insertRate, 100 * rate / updateRate);
        ctx.close();
        System.exit(0);
    }
}
