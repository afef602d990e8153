package org.opencredit.rating.report;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;
import org.opencredit.rating.facts.ListFact;
import org.opencredit.rating.rating.RatedSubject;
import org.opencredit.rating.rating.RatingService;
import org.opencredit.rating.report.RegionalReport.Distribution;
import org.opencredit.rating.report.RegionalReport.Indicator;
import org.opencredit.rating.report.RegionalReport.Row;
import org.opencredit.rating.report.RegionalReport.TrendPoint;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Mono;

/**
 * Builds the regional report from rating-service's own data (it never calls another service), and
 * keeps a daily snapshot of the grade distribution for the trend.
 */
public class ReportService {

    public static final String SNAPSHOTS = "report_snapshots";
    private static final List<String> GRADES = List.of("A", "B", "C", "D");

    /** The grade distribution of legal persons on a day, province-wide and per city. */
    public record Snapshot(@Id LocalDate day, Map<String, Map<String, Long>> byCity) {
    }

    private final ReactiveMongoTemplate mongo;
    private final RatingService ratings;
    private final ReportProperties properties;
    private final PlatformUsage usage;

    public ReportService(ReactiveMongoTemplate mongo, RatingService ratings, ReportProperties properties, PlatformUsage usage) {
        this.mongo = mongo;
        this.ratings = ratings;
        this.properties = properties;
        this.usage = usage;
    }

    public Mono<RegionalReport> report(String region, LocalDate from, LocalDate to) {
        LocalDate today = ratings.today();
        Query q = new Query();
        if (region != null && !region.isEmpty()) {
            q.addCriteria(where("regionCode").regex("^" + region));
        }
        q.fields().include("subjectKind").include("regionCode").include("industryCode").include("current.grade")
                .include("candidate.grade").include("candidate.model").include("current.model").include("lists");
        int level = region == null || region.length() < 2 ? 2 : region.length() < 4 ? 4 : 6;
        return mongo.find(q, Document.class, RatedSubject.COLLECTION).collectList().flatMap(subjects -> {
            Map<String, long[]> byRegion = new TreeMap<>();
            Map<String, long[]> byIndustry = new TreeMap<>();
            long[] enterprises = new long[4];
            long[] persons = new long[4];
            Map<String, Long> lists = new TreeMap<>();
            long personCount = 0;
            long enterpriseCount = 0;
            for (Document s : subjects) {
                String grade = ratings.visibleGrade(s);
                if (RatedSubject.NATURAL_PERSON.equals(s.getString("subjectKind"))) {
                    personCount++;
                    if (grade != null) {
                        persons[GRADES.indexOf(grade)]++;
                    }
                    continue;
                }
                enterpriseCount++;
                for (Document l : s.getList("lists", Document.class, List.of())) {
                    ListFact fact = new ListFact(l.getString("entryId"), l.getString("listType"), l.getString("status"),
                            day(l.get("listedOn")), day(l.get("expiresOn")), 0);
                    if (fact.inForce(today)) {
                        lists.merge(fact.listType(), 1L, Long::sum);
                    }
                }
                if (grade == null) {
                    continue;
                }
                int g = GRADES.indexOf(grade);
                enterprises[g]++;
                String regionCode = s.getString("regionCode");
                String r = regionCode == null ? "unknown" : regionCode.substring(0, Math.min(level, regionCode.length()));
                byRegion.computeIfAbsent(r, k -> new long[4])[g]++;
                String industry = s.getString("industryCode");
                String section = industry == null || industry.isEmpty() ? "unknown" : industry.substring(0, 1);
                byIndustry.computeIfAbsent(section, k -> new long[4])[g]++;
            }
            long enterprisesKnown = enterpriseCount;
            long personsKnown = personCount;
            return Mono.zip(trend(from, to), usage.governments(region, from, to)).map(t -> new RegionalReport(region == null ? "" : region,
                    today, from, to, distribution(enterprises), rows(byRegion), rows(byIndustry), distribution(persons), lists,
                    indicators(region, enterprisesKnown, personsKnown, t.getT2()), t.getT1()));
        });
    }

    private List<Indicator> indicators(String region, long enterprises, long persons, long governmentsUsing) {
        List<Indicator> out = new ArrayList<>();
        boolean province = region == null || region.length() <= 2;
        Long registered = province ? properties.registeredEnterprises() : null;
        out.add(ratio("ENTERPRISE_COVERAGE", "企业信用信息覆盖率 (enterprises in the platform / registered enterprises)", enterprises,
                registered, 0.95, "registered enterprise totals are configured for the province only "
                        + "(opencredit.rating.report.registered-enterprises)"));
        Long population = province ? properties.keyGroupPopulation() : null;
        out.add(ratio("PERSONAL_COVERAGE", "重点人群信用信息覆盖率 (persons with records / key-group population)", persons, population, 0.90,
                "the key-group population is configured for the province only (opencredit.rating.report.key-group-population)"));
        Long governments = province ? properties.localGovernments() : null;
        out.add(ratio("LOCAL_GOVERNMENT_USAGE", "地方政府使用率 (local governments whose API clients used the platform in the period / "
                        + "local governments)", governmentsUsing, governments, 0.90,
                "the number of local governments is configured for the province only (opencredit.rating.report.local-governments); "
                        + governmentsUsing + " used the platform in the period"));
        out.add(new Indicator("CREDIT_SERVICE_INDUSTRY", "信用服务行业规模", null, null, null, null, null,
                "not measured: the platform holds no data on the credit-service industry's size"));
        out.add(new Indicator("TRAINING_SHARE", "领导干部和企业高管信用培训比例", null, null, null, null, null,
                "not measured: training records are not an input of the platform"));
        return out;
    }

    private static Indicator ratio(String code, String name, long numerator, Long denominator, double target, String whyNot) {
        if (denominator == null || denominator <= 0) {
            return new Indicator(code, name, null, target, null, numerator, null, whyNot);
        }
        double value = Math.round(10000.0 * numerator / denominator) / 10000.0;
        return new Indicator(code, name, value, target, value >= target, numerator, denominator, null);
    }

    private static Distribution distribution(long[] counts) {
        long total = counts[0] + counts[1] + counts[2] + counts[3];
        Map<String, Long> byGrade = new LinkedHashMap<>();
        Map<String, Double> share = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            byGrade.put(GRADES.get(i), counts[i]);
            share.put(GRADES.get(i), total == 0 ? 0.0 : Math.round(100000.0 * counts[i] / total) / 1000.0);
        }
        return new Distribution(total, byGrade, share);
    }

    private static List<Row> rows(Map<String, long[]> groups) {
        return groups.entrySet().stream().map(e -> {
            long[] c = e.getValue();
            return new Row(e.getKey(), c[0] + c[1] + c[2] + c[3], c[0], c[1], c[2], c[3]);
        }).sorted(Comparator.comparing(Row::group)).toList();
    }

    private Mono<List<TrendPoint>> trend(LocalDate from, LocalDate to) {
        Query q = Query.query(where("_id").gte(from).lte(to)).with(Sort.by("_id"));
        return mongo.find(q, Snapshot.class, SNAPSHOTS).map(s -> {
            long[] c = new long[4];
            s.byCity().values().forEach(m -> {
                for (int i = 0; i < 4; i++) {
                    c[i] += m.getOrDefault(GRADES.get(i), 0L);
                }
            });
            return new TrendPoint(s.day(), c[0], c[1], c[2], c[3]);
        }).collectList();
    }

    /** Stores today's distribution (once a day; a later run the same day replaces it). */
    public Mono<Snapshot> snapshot() {
        LocalDate today = ratings.today();
        Query q = Query.query(where("subjectKind").is(RatedSubject.LEGAL_PERSON));
        q.fields().include("regionCode").include("current.grade").include("current.model").include("candidate.grade")
                .include("candidate.model").include("subjectKind");
        return mongo.find(q, Document.class, RatedSubject.COLLECTION).collectList().flatMap(subjects -> {
            Map<String, Map<String, Long>> byCity = new TreeMap<>();
            for (Document s : subjects) {
                String grade = ratings.visibleGrade(s);
                if (grade == null) {
                    continue;
                }
                String regionCode = s.getString("regionCode");
                String city = regionCode == null || regionCode.length() < 4 ? "unknown" : regionCode.substring(0, 4);
                byCity.computeIfAbsent(city, k -> new TreeMap<>()).merge(grade, 1L, Long::sum);
            }
            return mongo.save(new Snapshot(today, byCity), SNAPSHOTS);
        });
    }

    private static LocalDate day(Object stored) {
        if (stored instanceof java.util.Date d) {
            return d.toInstant().atZone(java.time.ZoneId.systemDefault()).toLocalDate(); // as Spring Data stored it
        }
        return stored == null ? null : LocalDate.parse(stored.toString());
    }

    /** CSV of the report's breakdowns, one table after the other, for spreadsheets. */
    public static String csv(RegionalReport r) {
        StringBuilder out = new StringBuilder();
        out.append("section,group,total,A,B,C,D\n");
        out.append("enterprises,all,").append(r.enterprises().rated());
        GRADES.forEach(g -> out.append(',').append(r.enterprises().byGrade().get(g)));
        out.append('\n');
        r.byRegion().forEach(row -> line(out, "region", row));
        r.byIndustry().forEach(row -> line(out, "industry", row));
        out.append("persons,all,").append(r.persons().rated());
        GRADES.forEach(g -> out.append(',').append(r.persons().byGrade().get(g)));
        out.append('\n');
        r.trend().forEach(t -> out.append("trend,").append(t.day()).append(',').append(t.a() + t.b() + t.c() + t.d()).append(',')
                .append(t.a()).append(',').append(t.b()).append(',').append(t.c()).append(',').append(t.d()).append('\n'));
        out.append('\n').append("list type,entries in force\n");
        r.listEntries().forEach((k, v) -> out.append(k).append(',').append(v).append('\n'));
        out.append('\n').append("indicator,value,target,met,numerator,denominator,note\n");
        r.indicators().forEach(i -> out.append(i.code()).append(',').append(n(i.value())).append(',').append(n(i.target())).append(',')
                .append(n(i.met())).append(',').append(n(i.numerator())).append(',').append(n(i.denominator())).append(',')
                .append(i.note() == null ? "" : '"' + i.note().replace("\"", "\"\"") + '"').append('\n'));
        return out.toString();
    }

    private static void line(StringBuilder out, String section, Row row) {
        out.append(section).append(',').append(row.group()).append(',').append(row.total()).append(',').append(row.a()).append(',')
                .append(row.b()).append(',').append(row.c()).append(',').append(row.d()).append('\n');
    }

    private static String n(Object o) {
        return o == null ? "" : o.toString();
    }
}
