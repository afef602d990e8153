package org.opencredit.rating.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.bson.Document;
import org.opencredit.rating.rating.RatedSubject;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import reactor.core.publisher.Mono;

/**
 * {@code opencredit_ratings} by subject kind and grade: counted periodically by an aggregation
 * (a gauge, not a counter: it is the current distribution, which a model switch can reshape).
 */
public class GradeMetrics {

    private final ReactiveMongoTemplate mongo;
    private final MultiGauge gauge;
    private final Map<String, Long> last = new ConcurrentHashMap<>();

    public GradeMetrics(ReactiveMongoTemplate mongo, MeterRegistry registry) {
        this.mongo = mongo;
        this.gauge = MultiGauge.builder("opencredit.ratings").description("Current ratings by subject kind and grade")
                .register(registry);
        for (String kind : List.of(RatedSubject.LEGAL_PERSON, RatedSubject.NATURAL_PERSON)) {
            for (String grade : List.of("A", "B", "C", "D")) {
                last.put(kind + "/" + grade, 0L);
            }
        }
        publish();
    }

    public Mono<Map<String, Long>> refresh() {
        Aggregation count = Aggregation.newAggregation(
                Aggregation.match(org.springframework.data.mongodb.core.query.Criteria.where("current").ne(null)),
                Aggregation.group("subjectKind", "current.grade").count().as("n"));
        return mongo.aggregate(count, RatedSubject.COLLECTION, Document.class)
                .collectList()
                .map(rows -> {
                    Map<String, Long> next = new ConcurrentHashMap<>();
                    last.keySet().forEach(k -> next.put(k, 0L));
                    for (Document row : rows) {
                        Document id = (Document) row.get("_id");
                        next.put(id.getString("subjectKind") + "/" + id.getString("grade"), ((Number) row.get("n")).longValue());
                    }
                    last.clear();
                    last.putAll(next);
                    publish();
                    return Map.copyOf(next);
                });
    }

    private void publish() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        last.forEach((k, v) -> {
            String[] parts = k.split("/");
            rows.add(MultiGauge.Row.of(Tags.of("subjectKind", parts[0], "grade", parts[1]), v));
        });
        gauge.register(rows, true);
    }
}
