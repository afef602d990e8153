package org.opencredit.testkit.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.opencredit.contracts.catalogue.Catalogue;
import org.opencredit.contracts.catalogue.Category;
import org.opencredit.contracts.catalogue.PublicityPeriod;
import org.opencredit.contracts.catalogue.Severity;
import org.opencredit.contracts.catalogue.SubjectKind;
import org.opencredit.contracts.identifier.RegistrationAuthority;
import org.opencredit.contracts.identifier.ResidentIdentityNumber;
import org.opencredit.contracts.identifier.Uscc;

/**
 * Seeded generator of province-scale demo and benchmark data (Zhejiang, 33xxxx): legal-person subjects with valid,
 * unique USCCs in real administrative divisions, persons with valid, unique identity numbers, and credit records
 * drawn from the contracts' catalogue in a mix tuned to the published grade distribution (see
 * {@link EnterpriseProfile}).
 *
 * <p>Element {@code i} depends only on (seed, asOf, i): streams are prefix-stable, can be generated in parallel,
 * and need no memory per element. Uniqueness is structural: the organisation code inside a USCC and the birth date and
 * sequence inside an identity number are bijections of the index, so no set of issued codes is kept.
 * Record decision dates lie in the three years before {@code asOf}; a record is in publicity on {@code asOf} unless it
 * is one of the few expired history records ({@link #EXPIRED_HISTORY_SHARE}).
 */
public final class ProvinceDataGenerator {

    /** Largest count either stream accepts (organisation codes are drawn from 10^8 numeric ones). */
    public static final int MAX_ENTERPRISES = 100_000_000;
    /** Share of enterprises and persons that carry one extra record whose publicity ended before asOf. */
    public static final double EXPIRED_HISTORY_SHARE = 0.04;

    private static final LocalDate USCC_INTRODUCED = LocalDate.of(2015, 10, 1);
    private static final LocalDate COOPERATIVE_LAW = LocalDate.of(2007, 7, 1);
    private static final long NUMERIC_CODES = 100_000_000L;
    private static final long LETTER_CODES = 31L * 31 * 31 * 31 * 31 * 31;
    private static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};
    private static final int RECORD_WINDOW_MONTHS = 36;

    /** Entity kinds with their USCC positions 1-2 and share of generated subjects. */
    enum Kind {
        ENTERPRISE('E', "91", "MA", 0.82, SubjectKind.LEGAL_PERSON),
        INDIVIDUAL_BUSINESS('I', "92", "MA", 0.11, SubjectKind.INDIVIDUAL_BUSINESS),
        COOPERATIVE('C', "93", "MA", 0.03, SubjectKind.LEGAL_PERSON),
        PUBLIC_INSTITUTION('P', "12", "MB", 0.02, SubjectKind.LEGAL_PERSON),
        SOCIAL_ORGANISATION('S', "51", "MJ", 0.012, SubjectKind.LEGAL_PERSON),
        PRIVATE_NON_ENTERPRISE('N', "52", "MJ", 0.008, SubjectKind.LEGAL_PERSON);

        final char letter;
        final String prefix;
        /** Prefix of organisation codes issued with the USCC (from October 2015) by this authority. */
        final String newCodePrefix;
        final double share;
        final SubjectKind subjectKind;
        final String entityKind;

        Kind(char letter, String prefix, String newCodePrefix, double share, SubjectKind subjectKind) {
            this.letter = letter;
            this.prefix = prefix;
            this.newCodePrefix = newCodePrefix;
            this.share = share;
            this.subjectKind = subjectKind;
            // what Uscc.entityKind() reads from positions 1-2, so generated subjects agree with the services
            this.entityKind = RegistrationAuthority.of(prefix.charAt(0)).flatMap(a -> a.entityKind(prefix.charAt(1)))
                    .orElseThrow(() -> new IllegalStateException(prefix + " is not a USCC authority and entity kind"));
        }
    }

    private static final class Tables {
        static final Catalogue CATALOGUE = Catalogue.standard();
        static final List<Division> DIVISIONS = Divisions.zhejiang();
        static final WeightedTable<Division> ALL_DIVISIONS = new WeightedTable<>(DIVISIONS, Division::weight);
        static final WeightedTable<Division> COUNTIES = new WeightedTable<>(
                DIVISIONS.stream().filter(Division::isCounty).toList(), Division::weight);
        static final Map<String, Division> BY_CODE = new HashMap<>();
        static final Map<Kind, WeightedTable<Industry>> INDUSTRIES = new EnumMap<>(Kind.class);
        static final WeightedTable<Kind> KINDS = new WeightedTable<>(List.of(Kind.values()), k -> k.share);
        static final WeightedTable<Kind> KINDS_ON_LISTS = new WeightedTable<>(
                List.of(Kind.values()).stream().filter(k -> k.subjectKind == SubjectKind.LEGAL_PERSON).toList(), k -> k.share);
        static final WeightedTable<EnterpriseProfile> PROFILES = new WeightedTable<>(List.of(EnterpriseProfile.values()),
                EnterpriseProfile::share);
        static final Map<String, String[]> LIST_TYPES = new HashMap<>();
        static final WeightedTable<String[]> KEY_GROUPS = new WeightedTable<>(Resources.tsv("data/key-groups.tsv", 2),
                f -> Double.parseDouble(f[1]));

        static {
            for (Division d : DIVISIONS) {
                BY_CODE.put(d.code(), d);
            }
            List<Industry> industries = Industry.load();
            for (Kind k : Kind.values()) {
                INDUSTRIES.put(k, new WeightedTable<>(industries.stream().filter(i -> i.kind() == k.letter).toList(),
                        Industry::weight));
            }
            for (String[] f : Resources.tsv("data/list-types.tsv", 3)) {
                LIST_TYPES.put(f[0], f);
            }
        }
    }

    /** A catalogue category prepared for drawing: departments, polarity and publicity per severity. */
    private record Cat(Category category, String polarity, String[] departments) {
        PublicityPeriod period(Severity s) {
            return category.publicityFor(s).orElseThrow(() ->
                    new IllegalStateException(category.code() + " has no publicity period for " + s));
        }

        boolean allows(SubjectKind kind) {
            return category.subjectKinds().contains(kind);
        }
    }

    private static final Map<String, Cat> CATS = new HashMap<>();

    private static Cat cat(String code) {
        synchronized (CATS) {
            return CATS.computeIfAbsent(code, c -> {
                Category category = Tables.CATALOGUE.category(c).orElseThrow(() ->
                        new IllegalStateException("category " + c + " is not in catalogue " + Tables.CATALOGUE.version()));
                return new Cat(category, category.polarity().name(), category.departments().toArray(String[]::new));
            });
        }
    }

    // categories the profiles draw from, resolved against the catalogue once
    private static final Cat LICENCE = cat("ADMIN_LICENCE");
    private static final Cat PENALTY = cat("ADMIN_PENALTY");
    private static final Cat COMMENDATION = cat("COMMENDATION");
    private static final Cat COMMITMENT = cat("CREDIT_COMMITMENT");
    private static final Cat TAX_GRADE = cat("TAX_CREDIT_GRADE");
    private static final Cat TAX_MAJOR = cat("TAX_MAJOR_VIOLATION");
    private static final Cat JUDGMENT_DEFAULTER = cat("JUDGMENT_DEFAULTER");
    private static final Cat CUSTOMS_DISHONEST = cat("CUSTOMS_DISHONEST");
    private static final Cat ENVIRONMENTAL = cat("ENVIRONMENTAL_VIOLATION");
    private static final Cat ABNORMAL = cat("ABNORMAL_OPERATION");
    private static final Cat COURT_ENFORCEMENT = cat("COURT_ENFORCEMENT");
    private static final Cat COMMITMENT_BREACH = cat("COMMITMENT_BREACH");
    /** GENERAL negatives of troubled and blemished enterprises, roughly by how often departments report them. */
    private static final Cat[] GENERAL_NEGATIVES = {PENALTY, PENALTY, PENALTY, cat("TAX_ARREARS"), cat("TAX_ARREARS"),
            cat("SOCIAL_INSURANCE_ARREARS"), cat("SOCIAL_INSURANCE_ARREARS"), COURT_ENFORCEMENT, COURT_ENFORCEMENT, ABNORMAL,
            ABNORMAL, cat("CONTRACT_DEFAULT"), cat("PRODUCT_QUALITY"), ENVIRONMENTAL, COMMITMENT_BREACH};
    private static final Cat[] SERIOUS_OF_TROUBLED = {PENALTY, PENALTY, ENVIRONMENTAL};
    private static final Cat[] SERIOUS_OF_DISHONEST = {TAX_MAJOR, JUDGMENT_DEFAULTER, JUDGMENT_DEFAULTER, CUSTOMS_DISHONEST,
            PENALTY};
    private static final Cat[] POSITIVES = {COMMENDATION, COMMITMENT, TAX_GRADE};
    private static final Cat[] PERSON_GOOD = {LICENCE, COMMENDATION, COMMITMENT};
    private static final Cat[] PERSON_GENERAL = {PENALTY, PENALTY, COURT_ENFORCEMENT, COMMITMENT_BREACH};
    private static final Cat[] PERSON_SERIOUS = {JUDGMENT_DEFAULTER, JUDGMENT_DEFAULTER, TAX_MAJOR, PENALTY};

    private final long seed;
    private final LocalDate asOf;
    private final long asOfDay;
    private final String idTag;
    private final long numericA;
    private final long numericB;
    private final long letterA;
    private final long letterB;
    private final LocalDate earliestBirth;
    private final long birthDays;
    private final long personSpace;
    private final long personA;
    private final long personB;

    /**
     * @param seed repeatable runs: the same seed and asOf give the same subjects
     * @param asOf the day the data describes; decision dates and establishment dates lie before it
     */
    public ProvinceDataGenerator(long seed, LocalDate asOf) {
        this.seed = seed;
        this.asOf = asOf;
        this.asOfDay = asOf.toEpochDay();
        long tag = mix(seed ^ mix(asOfDay + 0x5DEECE66DL));
        this.idTag = "gen-" + hex8(tag) + "-";
        SplittableRandom keys = new SplittableRandom(mix(seed + 0x1234567L));
        this.numericA = coprime(keys.nextLong(NUMERIC_CODES / 3, NUMERIC_CODES), NUMERIC_CODES);
        this.numericB = keys.nextLong(NUMERIC_CODES);
        this.letterA = coprime(keys.nextLong(LETTER_CODES / 3, LETTER_CODES), LETTER_CODES);
        this.letterB = keys.nextLong(LETTER_CODES);
        // persons are adults of 18 to 75 on asOf; birth day and sequence number are a bijection of the index
        this.earliestBirth = asOf.minusYears(75);
        this.birthDays = asOf.minusYears(18).toEpochDay() - earliestBirth.toEpochDay() + 1;
        this.personSpace = birthDays * 999;
        this.personA = coprime(keys.nextLong(personSpace / 3, personSpace), personSpace);
        this.personB = keys.nextLong(personSpace);
        Tables.CATALOGUE.version(); // load reference data now, not in the first element
    }

    public long seed() {
        return seed;
    }

    public LocalDate asOf() {
        return asOf;
    }

    /** The first {@code count} enterprises; the first n of enterprises(m) equal enterprises(n). */
    public Stream<GeneratedEnterprise> enterprises(int count) {
        checkCount(count, MAX_ENTERPRISES);
        return IntStream.range(0, count).mapToObj(this::enterprise);
    }

    /** The first {@code count} persons; prefix-stable like {@link #enterprises}. */
    public Stream<GeneratedPerson> persons(int count) {
        checkCount(count, maxPersons());
        return IntStream.range(0, count).mapToObj(this::person);
    }

    /** How many distinct identity numbers this generator can issue (about 20 million). */
    public int maxPersons() {
        return (int) Math.min(Integer.MAX_VALUE, personSpace);
    }

    private static void checkCount(int count, int max) {
        if (count < 0 || count > max) {
            throw new IllegalArgumentException("count must lie in 0.." + max + ", got " + count);
        }
    }

    // ---------------------------------------------------------------- enterprises

    /** Enterprise number {@code index} (0-based) of this seed. */
    public GeneratedEnterprise enterprise(int index) {
        checkIndex(index, MAX_ENTERPRISES);
        SplittableRandom r = new SplittableRandom(mix(seed ^ mix(asOfDay * 0x9E3779B97F4A7C15L + index)));
        EnterpriseProfile profile = Tables.PROFILES.pick(r);
        // the SERIOUS_DISHONESTY list takes legal persons only (list catalogue), so dishonest subjects are not individual businesses
        Kind kind = (profile == EnterpriseProfile.DISHONEST ? Tables.KINDS_ON_LISTS : Tables.KINDS).pick(r);
        Division division = Tables.ALL_DIVISIONS.pick(r);
        Industry industry = Tables.INDUSTRIES.get(kind).pick(r);

        LocalDate established = establishment(r, kind, division);
        String uscc = uscc(kind, division, established, index);
        boolean male = r.nextInt(100) < 72;
        String legalRepresentative = Names.person(r, male);
        String name = name(r, kind, division, industry, legalRepresentative);
        long capital = capital(r, kind, name);

        String idPrefix = idTag + "e" + Integer.toHexString(index) + "-";
        List<GeneratedRecord> records = new ArrayList<>(4);
        List<GeneratedListEntry> entries = new ArrayList<>(1);
        Draw draw = new Draw(r, idPrefix, kind.subjectKind, established.toEpochDay(), records);
        switch (profile) {
            case EXEMPLARY -> exemplary(draw, entries);
            case ORDINARY -> ordinary(draw);
            case BLEMISHED -> {
                draw.live(pickAllowed(r, GENERAL_NEGATIVES, kind.subjectKind), Severity.GENERAL);
                draw.licences(r.nextInt(3));
            }
            case TROUBLED -> troubled(draw);
            case DISHONEST -> dishonest(draw, entries);
        }
        if (profile != EnterpriseProfile.EXEMPLARY && r.nextDouble() < EXPIRED_HISTORY_SHARE) {
            draw.expired(PENALTY, r.nextBoolean() ? Severity.GENERAL : Severity.MINOR);
        }
        // an abnormal-operation record means the subject was put on that list (legal persons only)
        if (kind.subjectKind == SubjectKind.LEGAL_PERSON) {
            for (GeneratedRecord rec : records) {
                if (rec.category().equals("ABNORMAL_OPERATION") && rec.publicityEnds().isAfter(asOf)) {
                    entries.add(listEntry(idPrefix, entries.size(), "ABNORMAL_OPERATION", rec.decisionDate()));
                }
            }
        }
        return new GeneratedEnterprise(uscc, name, kind.entityKind, division.code(), industry.code(), legalRepresentative,
                established, capital, records, entries, profile.name());
    }

    private void exemplary(Draw d, List<GeneratedListEntry> entries) {
        int n = 1 + d.r.nextInt(3);
        int first = d.r.nextInt(POSITIVES.length);
        for (int i = 0; i < n; i++) {
            Cat c = POSITIVES[(first + i) % POSITIVES.length];
            d.live(c, Severity.NONE);
        }
        d.licences(d.r.nextInt(3));
        if (d.r.nextInt(4) == 0 && d.kind == SubjectKind.LEGAL_PERSON) {
            long day = between(d.r, Math.max(d.earliest, asOfDay - 600), asOfDay - 1);
            entries.add(listEntry(d.idPrefix, entries.size(), "RED_LIST", LocalDate.ofEpochDay(day)));
        }
    }

    private void ordinary(Draw d) {
        int roll = d.r.nextInt(100);
        if (roll < 50) {
            return;
        }
        if (roll < 92) {
            d.licences(1 + d.r.nextInt(3));
            return;
        }
        d.live(PENALTY, d.r.nextInt(10) < 7 ? Severity.MINOR : Severity.GENERAL);
        d.licences(d.r.nextInt(3));
    }

    private void troubled(Draw d) {
        if (d.r.nextInt(5) == 0) {
            d.live(pickAllowed(d.r, SERIOUS_OF_TROUBLED, d.kind), Severity.SERIOUS);
            if (d.r.nextBoolean()) {
                d.live(pickAllowed(d.r, GENERAL_NEGATIVES, d.kind), Severity.GENERAL);
            }
        } else {
            int n = 2 + d.r.nextInt(3);
            Cat previous = null;
            for (int i = 0; i < n; i++) {
                Cat c = pickAllowed(d.r, GENERAL_NEGATIVES, d.kind);
                if (c == previous) {
                    c = pickAllowed(d.r, GENERAL_NEGATIVES, d.kind);
                }
                d.live(c, Severity.GENERAL);
                previous = c;
            }
        }
        d.licences(d.r.nextInt(2));
    }

    private void dishonest(Draw d, List<GeneratedListEntry> entries) {
        int serious = 1 + d.r.nextInt(2);
        long latest = Long.MIN_VALUE;
        for (int i = 0; i < serious; i++) {
            Cat c = pickAllowed(d.r, SERIOUS_OF_DISHONEST, d.kind);
            // listing follows the decision and must still run on asOf: judgment defaulters are listed for 24 months
            GeneratedRecord rec = d.liveWithin(c, Severity.SERIOUS, c == JUDGMENT_DEFAULTER ? 22 : 30);
            long day = rec.decisionDate().toEpochDay();
            latest = Math.max(latest, day);
            if (c == JUDGMENT_DEFAULTER) {
                entries.add(listEntry(d.idPrefix, entries.size(), "JUDGMENT_DEFAULTER", listedAfter(d.r, day)));
            } else if (c == TAX_MAJOR) {
                entries.add(listEntry(d.idPrefix, entries.size(), "MAJOR_TAX_VIOLATION", listedAfter(d.r, day)));
            }
        }
        entries.add(listEntry(d.idPrefix, entries.size(), "SERIOUS_DISHONESTY", listedAfter(d.r, latest)));
        int general = d.r.nextInt(3);
        for (int i = 0; i < general; i++) {
            d.live(pickAllowed(d.r, GENERAL_NEGATIVES, d.kind), Severity.GENERAL);
        }
    }

    private LocalDate listedAfter(SplittableRandom r, long decisionDay) {
        return LocalDate.ofEpochDay(Math.min(asOfDay - 1, decisionDay + r.nextInt(45)));
    }

    private GeneratedListEntry listEntry(String idPrefix, int n, String listType, LocalDate listedOn) {
        String[] type = Tables.LIST_TYPES.get(listType);
        return new GeneratedListEntry(idPrefix + "L" + n, listType, listedOn, listedOn.plusMonths(Integer.parseInt(type[1])),
                type[2]);
    }

    private static Cat pickAllowed(SplittableRandom r, Cat[] from, SubjectKind kind) {
        for (int attempt = 0; attempt < 16; attempt++) {
            Cat c = from[r.nextInt(from.length)];
            if (c.allows(kind)) {
                return c;
            }
        }
        for (Cat c : from) {
            if (c.allows(kind)) {
                return c;
            }
        }
        throw new IllegalStateException("no category for " + kind);
    }

    private LocalDate establishment(SplittableRandom r, Kind kind, Division division) {
        double u = r.nextDouble();
        // young firms are the many: the square of a uniform puts half of them under about nine years
        double maxYears = switch (kind) {
            case INDIVIDUAL_BUSINESS -> 20;
            case PUBLIC_INSTITUTION, SOCIAL_ORGANISATION -> 45;
            default -> 35;
        };
        long ageDays = 40 + (long) (u * u * maxYears * 365.25);
        long day = asOfDay - ageDays;
        long floor = LocalDate.of(division.since(), 1, 1).toEpochDay();
        if (kind == Kind.COOPERATIVE) {
            floor = Math.max(floor, COOPERATIVE_LAW.toEpochDay());
        }
        if (day < floor) {
            day = between(r, floor, Math.max(floor, asOfDay - 40));
        }
        return LocalDate.ofEpochDay(day);
    }

    private String uscc(Kind kind, Division division, LocalDate established, int index) {
        char[] c = new char[18];
        c[0] = kind.prefix.charAt(0);
        c[1] = kind.prefix.charAt(1);
        division.code().getChars(0, 6, c, 2);
        boolean issuedWithUscc = !established.isBefore(USCC_INTRODUCED)
                || kind == Kind.INDIVIDUAL_BUSINESS || kind == Kind.COOPERATIVE;
        if (issuedWithUscc) {
            c[8] = kind.newCodePrefix.charAt(0);
            c[9] = kind.newCodePrefix.charAt(1);
            long v = (letterA * index + letterB) % LETTER_CODES;
            for (int i = 15; i >= 10; i--) {
                c[i] = Uscc.ALPHABET.charAt((int) (v % 31));
                v /= 31;
            }
        } else {
            long v = (numericA * index + numericB) % NUMERIC_CODES;
            for (int i = 15; i >= 8; i--) {
                c[i] = (char) ('0' + v % 10);
                v /= 10;
            }
        }
        c[16] = organisationCheck(c, 8);
        c[17] = Uscc.checkCharacter(new String(c, 0, 17));
        return new String(c);
    }

    /** GB 11714 check character of the eight characters at {@code from}: digits 0-9, letters A=10 ... Z=35. */
    static char organisationCheck(char[] c, int from) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char ch = c[from + i];
            int v = ch <= '9' ? ch - '0' : ch - 'A' + 10;
            sum += v * ORG_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
    }

    private static String name(SplittableRandom r, Kind kind, Division division, Industry industry, String person) {
        String county = localName(division);
        return switch (kind) {
            case ENTERPRISE -> {
                String place = division.isProvince() || r.nextInt(100) < 12 ? "浙江" : division.shortName();
                int s = r.nextInt(100);
                String suffix = s < 80 ? "有限公司" : s < 90 ? "有限责任公司" : s < 97 ? "股份有限公司" : "集团有限公司";
                yield place + Names.trade(r) + industry.word() + suffix;
            }
            case INDIVIDUAL_BUSINESS -> county + (r.nextInt(100) < 30 ? person : Names.trade(r)) + industry.word();
            case COOPERATIVE -> county + Names.trade(r) + industry.word();
            case PUBLIC_INSTITUTION, SOCIAL_ORGANISATION -> division.name() + Names.fill(industry.word(), r);
            case PRIVATE_NON_ENTERPRISE -> division.name() + Names.fill(industry.word(), r);
        };
    }

    /** "西湖区" for 杭州市西湖区, "义乌市" for 义乌市, the full name for a city or the province. */
    private static String localName(Division d) {
        if (!d.isCounty()) {
            return d.name();
        }
        Division city = Tables.BY_CODE.get(d.cityCode());
        return city != null && d.name().startsWith(city.name()) ? d.name().substring(city.name().length()) : d.name();
    }

    /** Registered capital of enterprises in units of 10,000 yuan and how often it occurs: most are small. */
    private static final long[] CAPITAL_WAN = {10, 30, 50, 100, 200, 300, 500, 1000, 2000, 3000, 5000, 10000, 20000};
    private static final WeightedTable<Integer> CAPITAL_TABLE = new WeightedTable<>(
            List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
            i -> new double[] {18, 10, 14, 20, 9, 7, 8, 8, 2.5, 1.2, 1.2, 0.7, 0.2}[i]);

    private static long capital(SplittableRandom r, Kind kind, String name) {
        long wan = switch (kind) {
            case ENTERPRISE -> {
                long w = CAPITAL_WAN[CAPITAL_TABLE.pick(r)];
                yield name.endsWith("股份有限公司") || name.endsWith("集团有限公司") ? Math.max(w, 500) * 2 : w;
            }
            case INDIVIDUAL_BUSINESS -> 1 + r.nextInt(50);
            case COOPERATIVE -> 10 * (1 + r.nextInt(50));
            case PUBLIC_INSTITUTION -> 50 * (1 + r.nextInt(100));
            case SOCIAL_ORGANISATION -> 3 + r.nextInt(98);
            case PRIVATE_NON_ENTERPRISE -> 3 + r.nextInt(200);
        };
        return wan * 10_000L;
    }

    // ---------------------------------------------------------------- persons

    /** Person number {@code index} (0-based) of this seed. */
    public GeneratedPerson person(int index) {
        checkIndex(index, maxPersons());
        SplittableRandom r = new SplittableRandom(mix(~seed ^ mix(asOfDay * 0xC2B2AE3D27D4EB4FL + index)));
        long k = (personA * index + personB) % personSpace;
        LocalDate birth = earliestBirth.plusDays(k % birthDays);
        int sequence = 1 + (int) (k / birthDays);
        String region = personRegion(r, birth.getYear());

        char[] c = new char[18];
        region.getChars(0, 6, c, 0);
        int y = birth.getYear();
        int m = birth.getMonthValue();
        int dd = birth.getDayOfMonth();
        c[6] = (char) ('0' + y / 1000);
        c[7] = (char) ('0' + y / 100 % 10);
        c[8] = (char) ('0' + y / 10 % 10);
        c[9] = (char) ('0' + y % 10);
        c[10] = (char) ('0' + m / 10);
        c[11] = (char) ('0' + m % 10);
        c[12] = (char) ('0' + dd / 10);
        c[13] = (char) ('0' + dd % 10);
        c[14] = (char) ('0' + sequence / 100);
        c[15] = (char) ('0' + sequence / 10 % 10);
        c[16] = (char) ('0' + sequence % 10);
        c[17] = ResidentIdentityNumber.checkCharacter(new String(c, 0, 17));
        String id = new String(c);
        String name = Names.person(r, sequence % 2 == 1);

        int groups = 1 + (r.nextInt(100) < 30 ? 1 + r.nextInt(2) : 0);
        List<String> keyGroups = new ArrayList<>(groups);
        for (int i = 0; i < groups * 3 && keyGroups.size() < groups; i++) {
            String g = Tables.KEY_GROUPS.pick(r)[0];
            if (!keyGroups.contains(g)) {
                keyGroups.add(g);
            }
        }

        String idPrefix = idTag + "p" + Integer.toHexString(index) + "-";
        List<GeneratedRecord> records = new ArrayList<>(2);
        Draw d = new Draw(r, idPrefix, SubjectKind.NATURAL_PERSON, birth.plusYears(18).toEpochDay(), records);
        int roll = r.nextInt(1000);
        if (roll < 880) {
            // nothing on record
        } else if (roll < 940) {
            int n = 1 + r.nextInt(2);
            for (int i = 0; i < n; i++) {
                Cat cat = PERSON_GOOD[r.nextInt(PERSON_GOOD.length)];
                d.live(cat, Severity.NONE);
            }
        } else if (roll < 985) {
            Cat cat = PERSON_GENERAL[r.nextInt(PERSON_GENERAL.length)];
            d.live(cat, cat == PENALTY && r.nextBoolean() ? Severity.MINOR : Severity.GENERAL);
        } else if (roll < 997) {
            int n = 2 + r.nextInt(2);
            for (int i = 0; i < n; i++) {
                d.live(PERSON_GENERAL[r.nextInt(PERSON_GENERAL.length)], Severity.GENERAL);
            }
        } else {
            d.live(PERSON_SERIOUS[r.nextInt(PERSON_SERIOUS.length)], Severity.SERIOUS);
        }
        if (r.nextDouble() < EXPIRED_HISTORY_SHARE) {
            d.expired(PENALTY, r.nextBoolean() ? Severity.GENERAL : Severity.MINOR);
        }
        return new GeneratedPerson(id, name, region, keyGroups, records);
    }

    /** A county code valid for the birth year: older persons carry the predecessor code, or another county is drawn. */
    private static String personRegion(SplittableRandom r, int birthYear) {
        for (int attempt = 0; attempt < 8; attempt++) {
            Division d = Tables.COUNTIES.pick(r);
            while (d.since() > birthYear && d.predecessor() != null) {
                Division before = Tables.BY_CODE.get(d.predecessor());
                if (before == null) {
                    return d.predecessor();
                }
                d = before;
            }
            if (d.since() <= birthYear) {
                return d.code();
            }
        }
        return "330106";
    }

    // ---------------------------------------------------------------- records

    /** Draws one subject's records: ids in order, decision dates within the record window and after {@code earliest}. */
    private final class Draw {
        final SplittableRandom r;
        final String idPrefix;
        final SubjectKind kind;
        final long earliest;
        final List<GeneratedRecord> out;

        Draw(SplittableRandom r, String idPrefix, SubjectKind kind, long earliest, List<GeneratedRecord> out) {
            this.r = r;
            this.idPrefix = idPrefix;
            this.kind = kind;
            this.earliest = earliest;
            this.out = out;
        }

        void licences(int n) {
            for (int i = 0; i < n; i++) {
                live(LICENCE, Severity.NONE);
            }
        }

        GeneratedRecord live(Cat c, Severity s) {
            return liveWithin(c, s, RECORD_WINDOW_MONTHS);
        }

        /** A record in publicity on asOf, decided within the last {@code months} months; null if the subject is too new. */
        GeneratedRecord liveWithin(Cat c, Severity s, int months) {
            PublicityPeriod p = c.period(s);
            long lo = Math.max(asOf.minusMonths(Math.min(months, Math.min(p.maxMonths(), RECORD_WINDOW_MONTHS))).toEpochDay() + 1,
                    earliest);
            long hi = asOfDay - 1;
            if (earliest > hi) {
                return null; // a person who came of age on asOf has no record yet
            }
            long day = between(r, Math.min(lo, hi), hi);
            LocalDate decision = LocalDate.ofEpochDay(day);
            LocalDate ends = p.latestEnd(decision);
            return add(c, s, decision, ends, outcomeFor(c));
        }

        /** A record whose publicity ended before asOf, if the subject existed long enough for one. */
        void expired(Cat c, Severity s) {
            PublicityPeriod p = c.period(s);
            long lo = Math.max(asOf.minusMonths(RECORD_WINDOW_MONTHS).toEpochDay(), earliest);
            long hi = asOf.minusMonths(p.maxMonths()).toEpochDay() - 2;
            if (hi < lo) {
                return;
            }
            LocalDate decision = LocalDate.ofEpochDay(between(r, lo, hi));
            add(c, s, decision, p.latestEnd(decision), outcomeFor(c));
        }

        private GeneratedRecord add(Cat c, Severity s, LocalDate decision, LocalDate ends, String outcome) {
            String[] deps = c.departments();
            // the first department listed is the usual source (market supervision for penalties and licences)
            String department = deps.length == 1 || r.nextBoolean() ? deps[0] : deps[r.nextInt(deps.length)];
            GeneratedRecord rec = new GeneratedRecord(idPrefix + out.size(), c.category().code(), s.name(), c.polarity(),
                    department, decision, ends, outcome);
            out.add(rec);
            return rec;
        }
    }

    private static String outcomeFor(Cat c) {
        return c == TAX_GRADE ? "A" : c == COMMITMENT ? "KEPT" : null;
    }

    private static long between(SplittableRandom r, long lo, long hi) {
        return hi <= lo ? lo : lo + r.nextLong(hi - lo + 1);
    }

    private static void checkIndex(int index, int max) {
        if (index < 0 || index >= max) {
            throw new IllegalArgumentException("index must lie in 0.." + (max - 1) + ", got " + index);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** SplitMix64 finaliser: decorrelates neighbouring seeds and indices. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long coprime(long a, long modulus) {
        while (gcd(a, modulus) != 1) {
            a++;
        }
        return a % modulus;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    private static String hex8(long v) {
        String h = Long.toHexString(v & 0xFFFFFFFFL);
        return "0".repeat(8 - h.length()) + h;
    }

    // ---------------------------------------------------------------- command line

    /**
     * Prints NDJSON to stdout: {@code [enterprises|persons] [count] [seed] [asOf yyyy-MM-dd]}, defaults
     * {@code enterprises 1000 42 today}.
     */
    public static void main(String[] args) throws IOException {
        String what = args.length > 0 ? args[0] : "enterprises";
        if (what.equals("stats")) {
            stats(args);
            return;
        }
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        LocalDate asOf = args.length > 3 ? LocalDate.parse(args[3]) : LocalDate.now();
        ProvinceDataGenerator generator = new ProvinceDataGenerator(seed, asOf);
        Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        try {
            StringBuilder sb = new StringBuilder(512);
            if (what.startsWith("p")) {
                generator.persons(count).forEachOrdered(p -> write(out, sb, Json.person(sb, p)));
            } else {
                generator.enterprises(count).forEachOrdered(e -> write(out, sb, Json.enterprise(sb, e)));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
    }

    /** {@code stats [count] [seed] [asOf]}: generates the enterprises, prints profile shares and the time taken. */
    private static void stats(String[] args) {
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 800_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        LocalDate asOf = args.length > 3 ? LocalDate.parse(args[3]) : LocalDate.now();
        boolean parallel = args.length > 4 && args[4].equals("parallel");
        ProvinceDataGenerator generator = new ProvinceDataGenerator(seed, asOf);
        long start = System.nanoTime();
        long cpuStart = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        Stream<GeneratedEnterprise> stream = generator.enterprises(count);
        Map<String, long[]> byProfile = (parallel ? stream.parallel() : stream).collect(java.util.stream.Collectors.groupingBy(
                GeneratedEnterprise::profile, java.util.TreeMap::new, java.util.stream.Collectors.reducing(new long[3],
                        e -> new long[] {1, e.records().size(), e.listEntries().size()},
                        (a, b) -> new long[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]})));
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1e9;
        long records = byProfile.values().stream().mapToLong(v -> v[1]).sum();
        System.out.printf("%d enterprises, %d records in %.2f s wall (%.0f enterprises/s, %s), main thread CPU %.2f s%n", count,
                records, seconds, count / seconds, parallel ? "parallel" : "sequential", cpuSeconds);
        byProfile.forEach((p, v) -> System.out.printf("%-10s %8d  %6.3f%%  configured %6.3f%%  records %8d  list entries %6d%n", p,
                v[0], 100.0 * v[0] / count, 100 * EnterpriseProfile.valueOf(p).share(), v[1], v[2]));
    }

    private static void write(Writer out, StringBuilder sb, StringBuilder line) {
        try {
            out.append(line).append('\n');
            sb.setLength(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
