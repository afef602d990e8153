package org.opencredit.testkit.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.opencredit.contracts.catalogue.Catalogue;
import org.opencredit.contracts.catalogue.Category;
import org.opencredit.contracts.catalogue.PublicityPeriod;
import org.opencredit.contracts.catalogue.Severity;
import org.opencredit.contracts.catalogue.SubjectKind;
import org.opencredit.contracts.identifier.ResidentIdentityNumber;
import org.opencredit.contracts.identifier.Uscc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProvinceDataGeneratorTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);
    static final Catalogue CATALOGUE = Catalogue.standard();
    static final Set<String> LIST_TYPES = Set.of("SERIOUS_DISHONESTY", "JUDGMENT_DEFAULTER", "MAJOR_TAX_VIOLATION",
            "ABNORMAL_OPERATION", "RED_LIST");

    final ProvinceDataGenerator generator = new ProvinceDataGenerator(20260630L, AS_OF);

    @Test
    void everyUsccParsesIsUniqueAndAgreesWithItsSubject() {
        Set<String> seen = new HashSet<>();
        generator.enterprises(50_000).forEach(e -> {
            Uscc code = Uscc.parse(e.uscc());
            assertThat(code.value()).isEqualTo(e.uscc());
            assertThat(code.entityKind()).isEqualTo(e.entityKind());
            assertThat(code.regionCode()).isEqualTo(e.regionCode());
            assertThat(organisationCodeIsValid(code.organisationCode())).as(e.uscc()).isTrue();
            assertThat(seen.add(e.uscc())).as("unique " + e.uscc()).isTrue();
        });
        assertThat(seen).hasSize(50_000);
    }

    @Test
    void regionsAreRealZhejiangDivisionsFromTheResourceFile() {
        Set<String> codes = Divisions.zhejiang().stream().map(Division::code).collect(Collectors.toSet());
        assertThat(Divisions.zhejiang()).allSatisfy(d -> {
            assertThat(d.code()).matches("33\\d{4}");
            assertThat(codes).as("city of " + d.code()).contains(d.cityCode());
        });
        assertThat(Divisions.zhejiang().stream().filter(Division::isCity).map(Division::name)).containsExactly(
                "杭州市", "宁波市", "温州市", "嘉兴市", "湖州市", "绍兴市", "金华市", "衢州市", "舟山市", "台州市", "丽水市");
        assertThat(Divisions.zhejiang().stream().mapToInt(Division::weight).sum()).isEqualTo(10_000);

        Map<String, Long> perCity = generator.enterprises(20_000)
                .peek(e -> assertThat(codes).contains(e.regionCode()))
                .collect(Collectors.groupingBy(e -> e.regionCode().substring(0, 4), Collectors.counting()));
        // Hangzhou registers the most enterprises, Zhoushan few
        assertThat(perCity.get("3301")).isGreaterThan(perCity.get("3302")).isGreaterThan(perCity.get("3309") * 5);
    }

    @Test
    void subjectsLookPlausible() {
        Set<String> industries = Industry.load().stream().map(Industry::code).collect(Collectors.toSet());
        Map<String, Long> kinds = generator.enterprises(20_000).peek(e -> {
            assertThat(e.name()).doesNotContain("{", "}", "null").hasSizeGreaterThan(4);
            assertThat(e.industryCode()).matches("[A-T]\\d{4}").isIn(industries);
            assertThat(e.legalRepresentative()).hasSizeBetween(2, 3);
            assertThat(e.establishedOn()).isBefore(AS_OF).isAfter(LocalDate.of(1980, 1, 1));
            assertThat(e.registeredCapitalYuan()).isPositive();
            if (e.entityKind().equals("enterprise")) {
                assertThat(e.name()).endsWith("公司");
            }
            if (e.entityKind().equals("farmers' co-operative")) {
                assertThat(e.name()).endsWith("专业合作社");
            }
        }).collect(Collectors.groupingBy(GeneratedEnterprise::entityKind, Collectors.counting()));
        assertThat(kinds.get("enterprise")).isBetween(15_900L, 16_900L);
        assertThat(kinds).containsKeys("individual business", "farmers' co-operative", "public institution",
                "social organisation", "private non-enterprise unit");
    }

    @Test
    void recordsAgreeWithTheCatalogue() {
        LocalDate windowStart = AS_OF.minusMonths(36);
        Set<String> ids = new HashSet<>();
        long[] subjectsWithExpired = {0};
        generator.enterprises(50_000).forEach(e -> {
            SubjectKind kind = e.entityKind().equals("individual business") ? SubjectKind.INDIVIDUAL_BUSINESS
                    : SubjectKind.LEGAL_PERSON;
            boolean expired = false;
            for (GeneratedRecord r : e.records()) {
                assertConsistentWithCatalogue(r, kind);
                assertThat(r.decisionDate()).isBefore(AS_OF).isAfterOrEqualTo(windowStart)
                        .isAfterOrEqualTo(e.establishedOn());
                assertThat(ids.add(r.recordId())).as("unique id " + r.recordId()).isTrue();
                if (!r.inPublicityOn(AS_OF)) {
                    expired = true;
                    assertThat(r.category()).isEqualTo("ADMIN_PENALTY");
                }
            }
            if (expired) {
                subjectsWithExpired[0]++;
            }
        });
        assertThat(subjectsWithExpired[0]).isBetween(1_000L, 2_500L);
    }

    @Test
    void profileSharesMatchTheConfiguredShares() {
        int n = 100_000;
        Map<EnterpriseProfile, Long> counts = new EnumMap<>(EnterpriseProfile.class);
        generator.enterprises(n).forEach(e -> counts.merge(e.profileKind(), 1L, Long::sum));
        assertThat(EnterpriseProfile.values()).extracting(EnterpriseProfile::share)
                .satisfies(shares -> assertThat(shares.stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0,
                        org.assertj.core.data.Offset.offset(1e-9)));
        for (EnterpriseProfile p : EnterpriseProfile.values()) {
            double expected = p.share() * n;
            double sigma = Math.sqrt(n * p.share() * (1 - p.share()));
            assertThat((double) counts.getOrDefault(p, 0L)).as(p.name()).isBetween(expected - 5 * sigma, expected + 5 * sigma);
        }
    }

    @Test
    void eachProfileCarriesTheRecordsThatMakeItsGrade() {
        generator.enterprises(100_000).forEach(e -> {
            List<GeneratedRecord> live = e.records().stream().filter(r -> r.inPublicityOn(AS_OF)).toList();
            long negatives = live.stream().filter(r -> r.polarity().equals("NEGATIVE")).count();
            long serious = live.stream().filter(r -> r.severity().equals("SERIOUS")).count();
            long generalNegatives = live.stream().filter(r -> r.polarity().equals("NEGATIVE") && r.severity().equals("GENERAL")).count();
            boolean seriouslyDishonest = e.listEntries().stream()
                    .anyMatch(l -> l.listType().equals("SERIOUS_DISHONESTY") && l.activeOn(AS_OF));
            assertThat(seriouslyDishonest).as(e.profile()).isEqualTo(e.profileKind() == EnterpriseProfile.DISHONEST);
            switch (e.profileKind()) {
                case EXEMPLARY -> {
                    assertThat(e.records()).noneMatch(r -> r.polarity().equals("NEGATIVE"));
                    assertThat(live).anyMatch(r -> r.category().equals("COMMENDATION")
                            || "KEPT".equals(r.outcome()) || "A".equals(r.outcome()));
                }
                case ORDINARY -> {
                    assertThat(negatives).isLessThanOrEqualTo(1);
                    assertThat(live).allMatch(r -> r.category().equals("ADMIN_LICENCE") || r.category().equals("ADMIN_PENALTY"));
                    assertThat(serious).isZero();
                }
                case BLEMISHED -> {
                    assertThat(negatives).isEqualTo(1);
                    assertThat(generalNegatives).isEqualTo(1);
                }
                case TROUBLED -> assertThat(generalNegatives >= 2 || serious == 1).as(e.records().toString()).isTrue();
                case DISHONEST -> {
                    assertThat(serious).isBetween(1L, 2L);
                    assertThat(e.entityKind()).isNotEqualTo("individual business");
                }
            }
            if (e.profileKind() != EnterpriseProfile.DISHONEST) {
                assertThat(live).noneMatch(r -> r.category().equals("JUDGMENT_DEFAULTER")
                        || r.category().equals("TAX_MAJOR_VIOLATION") || r.category().equals("CUSTOMS_DISHONEST"));
            }
        });
    }

    /**
     * A plain scorecard of the kind the rating service ships (800 base, −10/−60/−250 per MINOR/GENERAL/SERIOUS negative
     * in publicity, +60 per positive, A ≥ 860, B ≥ 700, SERIOUS_DISHONESTY list ⇒ D) lands near the published
     * A 1.0% · B 92.5% · C 6.3% · D 0.2% on the generated mix.
     */
    @Test
    void aPlainScorecardReproducesThePublishedGradeDistribution() {
        int n = 100_000;
        Map<Character, Long> grades = generator.enterprises(n)
                .collect(Collectors.groupingBy(e -> plainGrade(e, AS_OF), Collectors.counting()));
        assertThat(100.0 * grades.getOrDefault('A', 0L) / n).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.35));
        assertThat(100.0 * grades.getOrDefault('B', 0L) / n).isCloseTo(92.5, org.assertj.core.data.Offset.offset(0.8));
        assertThat(100.0 * grades.getOrDefault('C', 0L) / n).isCloseTo(6.3, org.assertj.core.data.Offset.offset(0.5));
        assertThat(100.0 * grades.getOrDefault('D', 0L) / n).isCloseTo(0.2, org.assertj.core.data.Offset.offset(0.1));
    }

    static char plainGrade(GeneratedEnterprise e, LocalDate day) {
        if (e.listEntries().stream().anyMatch(l -> l.listType().equals("SERIOUS_DISHONESTY") && l.activeOn(day))) {
            return 'D';
        }
        int score = 800;
        for (GeneratedRecord r : e.records()) {
            if (!r.inPublicityOn(day)) {
                continue;
            }
            if (r.polarity().equals("NEGATIVE")) {
                score -= switch (r.severity()) {
                    case "MINOR" -> 10;
                    case "GENERAL" -> 60;
                    default -> 250;
                };
            } else if (r.polarity().equals("POSITIVE") || r.outcome() != null) {
                score += 60;
            }
        }
        return score >= 860 ? 'A' : score >= 700 ? 'B' : 'C';
    }

    @Test
    void listEntriesUseListCatalogueCodesAndRunOnAsOf() {
        Map<String, Integer> types = new HashMap<>();
        generator.enterprises(100_000).forEach(e -> {
            for (GeneratedListEntry l : e.listEntries()) {
                assertThat(l.listType()).isIn(LIST_TYPES);
                assertThat(l.legalBasis()).isNotBlank();
                assertThat(l.activeOn(AS_OF)).as(l.toString()).isTrue();
                assertThat(e.entityKind()).isNotEqualTo("individual business");
                types.merge(l.listType(), 1, Integer::sum);
                if (l.listType().equals("JUDGMENT_DEFAULTER")) {
                    assertThat(e.records()).anyMatch(r -> r.category().equals("JUDGMENT_DEFAULTER"));
                }
                if (l.listType().equals("MAJOR_TAX_VIOLATION")) {
                    assertThat(e.records()).anyMatch(r -> r.category().equals("TAX_MAJOR_VIOLATION"));
                }
            }
            assertThat(e.listEntries().stream().map(GeneratedListEntry::entryId).distinct().count())
                    .isEqualTo(e.listEntries().size());
        });
        assertThat(types).containsKeys("SERIOUS_DISHONESTY", "JUDGMENT_DEFAULTER", "MAJOR_TAX_VIOLATION",
                "ABNORMAL_OPERATION", "RED_LIST");
    }

    @Test
    void listTypesMatchTheBlacklistServiceCatalogue() throws Exception {
        Path file = Path.of("..", "blacklist-service", "src", "main", "resources", "lists", "list-catalogue.json");
        assumeThat(Files.exists(file)).as("blacklist-service sources beside this module").isTrue();
        JsonNode catalogue = JsonMapper.builder().build().readTree(Files.readString(file));
        Map<String, JsonNode> byCode = new HashMap<>();
        catalogue.get("listTypes").forEach(t -> byCode.put(t.get("code").asString(), t));
        List<String[]> ours = Resources.tsv("data/list-types.tsv", 3);
        assertThat(ours).extracting(f -> f[0]).containsExactlyInAnyOrderElementsOf(LIST_TYPES);
        for (String[] f : ours) {
            assertThat(byCode).containsKey(f[0]);
            assertThat(byCode.get(f[0]).get("period").get("months").asInt()).as(f[0]).isEqualTo(Integer.parseInt(f[1]));
            assertThat(byCode.get(f[0]).get("legalBasis").asString()).isEqualTo(f[2]);
        }
    }

    @Test
    void keyGroupsMatchThePersonalCreditService() throws Exception {
        Path file = Path.of("..", "personal-credit-service", "src", "main", "resources", "key-groups.json");
        assumeThat(Files.exists(file)).as("personal-credit-service sources beside this module").isTrue();
        JsonNode groups = JsonMapper.builder().build().readTree(Files.readString(file)).get("groups");
        Set<String> theirs = new HashSet<>();
        groups.forEach(g -> theirs.add(g.get("code").asString()));
        assertThat(Resources.tsv("data/key-groups.tsv", 2)).extracting(f -> f[0]).containsExactlyInAnyOrderElementsOf(theirs);
    }

    @Test
    void personsHaveValidUniqueIdentityNumbersAndCataloguedRecords() {
        Set<String> seen = new HashSet<>();
        Set<String> codes = Divisions.zhejiang().stream().map(Division::code).collect(Collectors.toSet());
        Set<String> predecessors = Divisions.zhejiang().stream().map(Division::predecessor)
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        Set<String> keyGroups = Resources.tsv("data/key-groups.tsv", 2).stream().map(f -> f[0]).collect(Collectors.toSet());
        Set<String> recordIds = new HashSet<>();
        generator.persons(50_000).forEach(p -> {
            ResidentIdentityNumber id = ResidentIdentityNumber.parse(p.identityNumber(), AS_OF);
            assertThat(seen.add(id.reveal())).as("unique").isTrue();
            assertThat(id.regionCode()).isEqualTo(p.regionCode());
            assertThat(codes.contains(p.regionCode()) || predecessors.contains(p.regionCode())).as(p.regionCode()).isTrue();
            assertThat(p.regionCode()).doesNotEndWith("00");
            assertThat(id.birthDate()).isBetween(AS_OF.minusYears(75), AS_OF.minusYears(18));
            Division d = Divisions.byCode(p.regionCode()).orElse(null);
            if (d != null) {
                assertThat(d.since()).as("code existed at birth").isLessThanOrEqualTo(id.birthDate().getYear());
            }
            assertThat(p.name()).hasSizeBetween(2, 3);
            assertThat(p.keyGroups()).isNotEmpty().doesNotHaveDuplicates().allMatch(keyGroups::contains);
            for (GeneratedRecord r : p.records()) {
                assertConsistentWithCatalogue(r, SubjectKind.NATURAL_PERSON);
                assertThat(r.decisionDate()).isBefore(AS_OF).isAfterOrEqualTo(id.birthDate().plusYears(18));
                assertThat(recordIds.add(r.recordId())).isTrue();
            }
        });
        assertThat(seen).hasSize(50_000);
    }

    @Test
    void sameSeedGivesTheSameSubjectsAndAnotherSeedOthers() {
        ProvinceDataGenerator again = new ProvinceDataGenerator(20260630L, AS_OF);
        ProvinceDataGenerator other = new ProvinceDataGenerator(7L, AS_OF);
        List<GeneratedEnterprise> first = generator.enterprises(3_000).toList();
        assertThat(again.enterprises(3_000).toList()).isEqualTo(first);
        assertThat(again.persons(3_000).toList()).isEqualTo(generator.persons(3_000).toList());
        List<GeneratedEnterprise> others = other.enterprises(3_000).toList();
        assertThat(others).isNotEqualTo(first);
        Set<String> ours = first.stream().map(GeneratedEnterprise::uscc).collect(Collectors.toSet());
        assertThat(others.stream().map(GeneratedEnterprise::uscc).filter(ours::contains).count()).isLessThan(10);
        assertThat(other.persons(100).toList()).isNotEqualTo(generator.persons(100).toList());
        assertThat(others.stream().flatMap(e -> e.records().stream()).map(GeneratedRecord::recordId))
                .doesNotContainAnyElementsOf(first.stream().flatMap(e -> e.records().stream()).map(GeneratedRecord::recordId).toList());
    }

    @Test
    void aLongerStreamStartsWithTheShorterOneAndParallelEqualsSequential() {
        List<GeneratedEnterprise> shorter = generator.enterprises(1_000).toList();
        assertThat(generator.enterprises(5_000).limit(1_000).toList()).isEqualTo(shorter);
        assertThat(generator.enterprises(1_000).parallel().toList()).isEqualTo(shorter);
        assertThat(generator.enterprise(999)).isEqualTo(shorter.get(999));
        List<GeneratedPerson> persons = generator.persons(1_000).toList();
        assertThat(generator.persons(5_000).limit(1_000).toList()).isEqualTo(persons);
        assertThat(generator.person(500)).isEqualTo(persons.get(500));
    }

    @Test
    void uniquenessHoldsFarIntoTheIndexRange() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            int index = ProvinceDataGenerator.MAX_ENTERPRISES - 1 - i * 4_999;
            String code = generator.enterprise(index).uscc();
            Uscc.parse(code);
            assertThat(seen.add(code)).isTrue();
        }
        for (int i = 0; i < 20_000; i++) {
            ResidentIdentityNumber.parse(generator.person(generator.maxPersons() - 1 - i * 997).identityNumber(), AS_OF);
        }
    }

    static void assertConsistentWithCatalogue(GeneratedRecord r, SubjectKind kind) {
        Category c = CATALOGUE.category(r.category()).orElseThrow(() -> new AssertionError("not catalogued: " + r.category()));
        assertThat(c.subjectKinds()).as(r.category()).contains(kind);
        assertThat(c.entitles(r.department())).as(r.category() + " from " + r.department()).isTrue();
        Severity severity = Severity.valueOf(r.severity());
        PublicityPeriod period = c.publicityFor(severity).orElseThrow(() -> new AssertionError(r.category() + " " + severity));
        assertThat(r.polarity()).isEqualTo(c.polarity().name());
        assertThat(r.publicityEnds()).isEqualTo(period.latestEnd(r.decisionDate()));
        assertThat(r.recordId()).startsWith("gen-");
        if (r.outcome() != null) {
            assertThat(r.category()).isIn("TAX_CREDIT_GRADE", "CREDIT_COMMITMENT");
        }
    }

    /** GB 11714: weights 3 7 9 10 5 8 4 2, C9 = 11 − Σ mod 11, 10 → X, 11 → 0. */
    static boolean organisationCodeIsValid(String code) {
        int[] w = {3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char ch = code.charAt(i);
            sum += (Character.isDigit(ch) ? ch - '0' : ch - 'A' + 10) * w[i];
        }
        int c = 11 - sum % 11;
        char expected = c == 10 ? 'X' : c == 11 ? '0' : (char) ('0' + c);
        return code.charAt(8) == expected;
    }
}
