package org.opencredit.rating.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.opencredit.contracts.catalogue.Catalogue;
import org.opencredit.contracts.catalogue.Category;
import org.opencredit.contracts.catalogue.Severity;
import org.opencredit.contracts.catalogue.SubjectKind;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a model from YAML and checks it against the catalogue: a model that names an unknown
 * category or severity, a dimension it does not declare, weights that do not sum to 1, or grade
 * thresholds out of order is refused with every problem listed, so a broken model never goes live.
 */
public final class ModelLoader {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    private static final Set<String> GRADES = Set.of("A", "B", "C", "D");

    private ModelLoader() {
    }

    public static RatingModel read(InputStream yaml, Catalogue catalogue) {
        RatingModel model;
        try {
            model = YAML.readValue(yaml, RatingModel.class);
        } catch (JacksonException e) {
            throw new InvalidModelException(List.of("not a rating model: " + e.getOriginalMessage()));
        }
        validate(model, catalogue);
        return model;
    }

    public static RatingModel read(String yaml, Catalogue catalogue) {
        try (InputStream in = new java.io.ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            return read(in, catalogue);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void validate(RatingModel m, Catalogue catalogue) {
        List<String> problems = new ArrayList<>();
        if (blank(m.id()) || blank(m.version())) {
            problems.add("id and version are required");
        } else if (!m.version().matches("[0-9A-Za-z.\\-]{1,32}")) {
            problems.add("version '" + m.version() + "' may only contain letters, digits, '.' and '-'");
        }
        SubjectKind kind = null;
        try {
            kind = SubjectKind.valueOf(String.valueOf(m.subjectKind()));
            if (kind != SubjectKind.LEGAL_PERSON && kind != SubjectKind.NATURAL_PERSON) {
                problems.add("subjectKind must be LEGAL_PERSON or NATURAL_PERSON");
            }
        } catch (IllegalArgumentException e) {
            problems.add("subjectKind must be LEGAL_PERSON or NATURAL_PERSON, not '" + m.subjectKind() + "'");
        }
        if (m.scale() == null || m.scale().min() >= m.scale().max()) {
            problems.add("scale needs min < max");
        }
        Set<String> dimensions = new HashSet<>();
        double weights = 0;
        if (m.dimensions() == null || m.dimensions().isEmpty()) {
            problems.add("at least one dimension is required");
        } else {
            for (RatingModel.Dimension d : m.dimensions()) {
                if (!dimensions.add(d.code())) {
                    problems.add("dimension " + d.code() + " is declared twice");
                }
                if (d.weight() <= 0) {
                    problems.add("dimension " + d.code() + " needs a positive weight");
                }
                if (m.scale() != null && (d.base() < m.scale().min() || d.base() > m.scale().max())) {
                    problems.add("dimension " + d.code() + " base " + d.base() + " is outside the scale");
                }
                weights += d.weight();
            }
            if (Math.abs(weights - 1.0) > 1e-6) {
                problems.add("dimension weights sum to " + weights + ", not 1");
            }
        }
        Set<String> categories = new HashSet<>();
        for (RatingModel.RecordFactor f : m.records()) {
            if (!categories.add(f.category())) {
                problems.add("category " + f.category() + " is scored twice");
            }
            if (!dimensions.contains(f.dimension())) {
                problems.add("category " + f.category() + " names undeclared dimension " + f.dimension());
            }
            Category category = catalogue.category(f.category()).orElse(null);
            if (category == null) {
                problems.add("category " + f.category() + " is not in the catalogue " + catalogue.version());
                continue;
            }
            boolean legal = kind == SubjectKind.LEGAL_PERSON;
            if (kind != null && category.subjectKinds().stream().noneMatch(k -> k == SubjectKind.LEGAL_PERSON || k == SubjectKind.INDIVIDUAL_BUSINESS
                    ? legal : !legal)) {
                problems.add("category " + f.category() + " does not apply to " + kind);
            }
            if (f.points() == null || f.points().isEmpty()) {
                problems.add("category " + f.category() + " has no points");
                continue;
            }
            for (var p : f.points().entrySet()) {
                Severity severity;
                try {
                    severity = Severity.valueOf(p.getKey());
                } catch (IllegalArgumentException e) {
                    problems.add("category " + f.category() + ": unknown severity " + p.getKey());
                    continue;
                }
                if (category.publicityFor(severity).isEmpty()) {
                    problems.add("category " + f.category() + " has no severity " + severity + " in the catalogue (it has "
                            + category.publicity().keySet() + ")");
                }
                String polarity = category.polarity().name();
                if (polarity.equals("NEGATIVE") && p.getValue() > 0 || polarity.equals("POSITIVE") && p.getValue() < 0) {
                    problems.add("category " + f.category() + " is " + polarity + " but gives " + p.getValue() + " points");
                }
            }
            if (f.maxCount() != null && f.maxCount() < 1) {
                problems.add("category " + f.category() + ": maxCount must be at least 1");
            }
        }
        for (RatingModel.ListFactor f : m.lists()) {
            if (blank(f.listType()) || !dimensions.contains(f.dimension())) {
                problems.add("list factor " + f.listType() + " needs a list type and a declared dimension");
            }
        }
        double previous = -1;
        for (RatingModel.DecayStep s : m.decay().steps()) {
            if (s.elapsedShare() <= previous || s.elapsedShare() < 0 || s.elapsedShare() >= 1 || s.factor() < 0 || s.factor() > 1) {
                problems.add("decay steps need ascending shares in [0,1) and factors in [0,1]");
                break;
            }
            previous = s.elapsedShare();
        }
        if (!m.decay().steps().isEmpty() && m.decay().steps().get(0).elapsedShare() != 0) {
            problems.add("the first decay step must start at share 0");
        }
        for (RatingModel.GradeOverride o : m.overrides()) {
            if (blank(o.listType()) || (o.grade() == null) == (o.maxGrade() == null)) {
                problems.add("override for " + o.listType() + " needs a list type and exactly one of grade, maxGrade");
            } else if (!GRADES.contains(o.grade() != null ? o.grade() : o.maxGrade())) {
                problems.add("override for " + o.listType() + " names an unknown grade");
            }
            if (blank(o.reason())) {
                problems.add("override for " + o.listType() + " needs a reason (it is shown in the explanation)");
            }
        }
        if (m.grades() == null || m.grades().isEmpty()) {
            problems.add("grade thresholds are required");
        } else {
            int last = Integer.MAX_VALUE;
            Set<String> seen = new HashSet<>();
            for (RatingModel.GradeBand g : m.grades()) {
                if (!GRADES.contains(g.grade()) || !seen.add(g.grade())) {
                    problems.add("grade " + g.grade() + " is unknown or repeated (grades are A, B, C, D)");
                }
                if (g.minScore() >= last) {
                    problems.add("grade thresholds must descend (grade " + g.grade() + ")");
                }
                last = g.minScore();
            }
            if (m.scale() != null && last != m.scale().min()) {
                problems.add("the lowest grade must start at the scale minimum " + m.scale().min());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidModelException(problems);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The model was refused; {@link #problems()} lists why. */
    public static final class InvalidModelException extends RuntimeException {
        private final List<String> problems;

        public InvalidModelException(List<String> problems) {
            super("invalid rating model: " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
