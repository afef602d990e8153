package org.opencredit.rating.config;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.opencredit.chassis.PeriodicTask;
import org.opencredit.chassis.outbox.OutboxEvents;
import org.opencredit.chassis.outbox.OutboxRelay;
import org.opencredit.contracts.catalogue.Catalogue;
import org.opencredit.rating.job.RerateJobs;
import org.opencredit.rating.model.ModelRegistry;
import org.opencredit.rating.rating.RatedSubject;
import org.opencredit.rating.rating.RatingService;
import org.opencredit.rating.report.ReportProperties;
import org.opencredit.rating.report.ReportService;
import org.opencredit.rating.review.GradeMetrics;
import org.opencredit.rating.review.ScheduledReview;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Configuration
@EnableConfigurationProperties({RatingProperties.class, ReportProperties.class})
class RatingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RatingConfiguration.class);

    /** Listener containers for batch listeners: offsets are committed per batch (the shared default commits per record). */
    @Bean
    org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory<Object, Object> batchFactory(
            org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
            org.springframework.kafka.core.ConsumerFactory<Object, Object> consumerFactory) {
        var factory = new org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory<Object, Object>();
        configurer.configure(factory, consumerFactory);
        factory.setBatchListener(true);
        factory.getContainerProperties().setAckMode(org.springframework.kafka.listener.ContainerProperties.AckMode.BATCH);
        return factory;
    }

    @Bean
    ModelRegistry modelRegistry(ReactiveMongoTemplate mongo, RatingProperties properties) {
        // the optimistic lock's single-field filter needs its unique index (see RatedSubject#lock)
        mongo.indexOps(RatedSubject.COLLECTION).createIndex(new Index("lock", Sort.Direction.ASC).unique().named("lock_unique"))
                .block(Duration.ofSeconds(30));
        mongo.indexOps(RatedSubject.COLLECTION).createIndex(new Index("nextReviewOn", Sort.Direction.ASC).named("next_review"))
                .block(Duration.ofSeconds(30));
        return new ModelRegistry(mongo, Catalogue.standard(), properties.defaultModels(), Duration.ofSeconds(1));
    }

    @Bean
    PeriodicTask modelStateRefresher(ModelRegistry models) {
        return models.refresher();
    }

    @Bean
    RatingService ratingService(ReactiveMongoTemplate mongo, ModelRegistry models, OutboxEvents events, OutboxRelay relay, Clock clock,
                                MeterRegistry registry) {
        return new RatingService(mongo, models, events, relay, clock, registry);
    }

    @Bean
    RerateJobs rerateJobs(ReactiveMongoTemplate mongo, ModelRegistry models, RatingService ratings, OutboxRelay relay,
                          MeterRegistry registry, RatingProperties properties) {
        return new RerateJobs(mongo, models, ratings, relay, registry, properties.jobBatchSize(), properties.jobAutostart());
    }

    @Bean
    PeriodicTask abandonedJobs(RerateJobs jobs, RatingProperties properties) {
        return every(properties.jobResumeInterval(), "resume re-rating jobs", jobs::resumeAbandoned);
    }

    @Bean
    ScheduledReview scheduledReview(ReactiveMongoTemplate mongo, RatingService ratings) {
        return new ScheduledReview(mongo, ratings);
    }

    @Bean
    PeriodicTask scheduledReviewTask(ScheduledReview review, RatingProperties properties) {
        return every(properties.reviewInterval(), "scheduled rating review", review::reviewDue);
    }

    @Bean
    GradeMetrics gradeMetrics(ReactiveMongoTemplate mongo, MeterRegistry registry) {
        return new GradeMetrics(mongo, registry);
    }

    @Bean
    PeriodicTask gradeMetricsTask(GradeMetrics metrics, RatingProperties properties) {
        return every(properties.metricsInterval(), "grade distribution gauge", metrics::refresh);
    }

    @Bean
    ReportService reportService(ReactiveMongoTemplate mongo, RatingService ratings, ReportProperties properties,
                                org.opencredit.rating.report.PlatformUsage usage) {
        return new ReportService(mongo, ratings, properties, usage);
    }

    @Bean
    PeriodicTask reportSnapshots(ReportService reports) {
        // hourly: the first run of a day stores its snapshot, later ones refresh it
        return every(Duration.ofHours(1), "daily report snapshot", reports::snapshot);
    }

    private static PeriodicTask every(Duration interval, String what, java.util.function.Supplier<Mono<?>> work) {
        return new PeriodicTask(() -> Flux.interval(Duration.ofSeconds(5), interval)
                .onBackpressureDrop()
                .concatMap(t -> work.get().onErrorResume(e -> {
                    log.warn("{} failed: {}", what, e.toString());
                    return Mono.empty();
                })));
    }
}
