package org.opencredit.rating.model;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.opencredit.rating.facts.ListFact;
import org.opencredit.rating.facts.RecordFact;
import org.opencredit.rating.model.Rating.DimensionScore;
import org.opencredit.rating.model.Rating.Factor;
import org.opencredit.rating.model.RatingModel.DecayStep;
import org.opencredit.rating.model.RatingModel.Dimension;
import org.opencredit.rating.model.RatingModel.GradeBand;
import org.opencredit.rating.model.RatingModel.GradeOverride;
import org.opencredit.rating.model.RatingModel.ListFactor;
import org.opencredit.rating.model.RatingModel.RecordFactor;

/**
 * Applies a model to a subject's facts on a day. A pure function: the same model, facts and day
 * give the same rating, whatever order the facts arrived in (they are sorted by id first).
 */
public final class Scorer {

    private Scorer() {
    }

    public static Rating rate(RatingModel model, Collection<RecordFact> records, Collection<ListFact> lists, LocalDate day) {
        Map<String, Dimension> dimensions = new LinkedHashMap<>();
        model.dimensions().forEach(d -> dimensions.put(d.code(), d));
        Map<String, Integer> applied = new LinkedHashMap<>();
        model.dimensions().forEach(d -> applied.put(d.code(), 0));
        List<Factor> factors = new ArrayList<>();
        LocalDate next = null;

        // records: per category, the strongest ones up to the model's maximum count
        Map<String, List<Candidate>> byCategory = new LinkedHashMap<>();
        for (RecordFact r : records.stream().sorted(Comparator.comparing(RecordFact::recordId)).toList()) {
            if (!r.inForce(day)) {
                // a record not yet decided changes the rating on its decision date
                if (RecordFact.PUBLISHED.equals(r.status()) && r.decisionDate() != null && r.decisionDate().isAfter(day)) {
                    next = earliest(next, r.decisionDate());
                }
                continue;
            }
            Optional<RecordFactor> factor = model.records().stream().filter(f -> f.category().equals(r.category())).findFirst();
            if (factor.isEmpty()) {
                continue;
            }
            Integer points = factor.get().points().get(r.severity() == null ? "NONE" : r.severity());
            if (points == null || points == 0) {
                continue;
            }
            double decay = 1.0;
            String note = null;
            if (factor.get().decaying()) {
                Decayed d = decay(model.decay().steps(), r.decisionDate(), r.publicityEnds(), day);
                decay = d.factor();
                next = earliest(next, d.nextStepOn());
                if (decay < 1.0) {
                    note = "publicity period " + Math.round(d.elapsedShare() * 100) + "% elapsed: counts " + Math.round(decay * 100) + "%";
                }
            }
            next = earliest(next, r.publicityEnds());
            int appliedPoints = (int) Math.round(points * decay);
            if (r.disputed()) {
                note = note == null ? "disputed: an objection is open" : note + "; disputed: an objection is open";
            }
            byCategory.computeIfAbsent(r.category(), k -> new ArrayList<>())
                    .add(new Candidate(r, factor.get(), points, decay, appliedPoints, note));
        }
        for (List<Candidate> candidates : byCategory.values()) {
            candidates.sort(Comparator.comparingInt((Candidate c) -> -Math.abs(c.applied())).thenComparing(c -> c.record().recordId()));
            Integer max = candidates.get(0).factor().maxCount();
            for (int i = 0; i < candidates.size(); i++) {
                Candidate c = candidates.get(i);
                boolean counts = max == null || i < max;
                int points = counts ? c.applied() : 0;
                String note = counts ? c.note() : "beyond the " + max + " strongest records of " + c.record().category() + " that count";
                String dimension = c.factor().dimension();
                applied.merge(dimension, points, Integer::sum);
                factors.add(new Factor("RECORD", c.record().recordId(), c.record().category(), c.record().severity(), dimension,
                        c.points(), c.decay(), points, round1(points * dimensions.get(dimension).weight()), note));
            }
        }

        // lists: points for list types the model scores, and overrides
        String forcedGrade = null;
        String maxGrade = null;
        String override = null;
        for (ListFact l : lists.stream().sorted(Comparator.comparing(ListFact::entryId)).toList()) {
            if (!l.inForce(day)) {
                if (ListFact.LISTED.equals(l.status()) && l.listedOn() != null && l.listedOn().isAfter(day)) {
                    next = earliest(next, l.listedOn());
                }
                continue;
            }
            next = earliest(next, l.expiresOn());
            for (ListFactor f : model.lists()) {
                if (f.listType().equals(l.listType())) {
                    applied.merge(f.dimension(), f.points(), Integer::sum);
                    factors.add(new Factor("LIST", l.entryId(), l.listType(), null, f.dimension(), f.points(), 1.0, f.points(),
                            round1(f.points() * dimensions.get(f.dimension()).weight()), null));
                }
            }
            for (GradeOverride o : model.overrides()) {
                if (!o.listType().equals(l.listType())) {
                    continue;
                }
                if (o.grade() != null && (forcedGrade == null || worse(o.grade(), forcedGrade))) {
                    forcedGrade = o.grade();
                    override = o.reason() + " (list entry " + l.entryId() + ")";
                }
                if (o.maxGrade() != null && (maxGrade == null || worse(o.maxGrade(), maxGrade))) {
                    maxGrade = o.maxGrade();
                    if (forcedGrade == null) {
                        override = o.reason() + " (list entry " + l.entryId() + ")";
                    }
                }
                factors.add(new Factor("LIST", l.entryId(), l.listType(), null, null, 0, 1.0, 0, 0.0,
                        o.grade() != null ? "forces grade " + o.grade() : "caps the grade at " + o.maxGrade()));
            }
        }

        List<DimensionScore> scores = new ArrayList<>();
        double total = 0;
        for (Dimension d : model.dimensions()) {
            int score = clamp(d.base() + applied.get(d.code()), model.scale().min(), model.scale().max());
            scores.add(new DimensionScore(d.code(), d.name(), d.weight(), d.base(), score));
            total += d.weight() * score;
        }
        int score = clamp((int) Math.round(total), model.scale().min(), model.scale().max());
        GradeBand band = band(model, score);
        String grade = band.grade();
        if (forcedGrade != null) {
            grade = forcedGrade;
        } else if (maxGrade != null && worse(maxGrade, grade)) {
            grade = maxGrade;
        } else {
            override = null;
        }
        String finalGrade = grade;
        String label = model.grades().stream().filter(g -> g.grade().equals(finalGrade)).map(GradeBand::label).findFirst()
                .orElse(finalGrade);
        return new Rating(model.key(), score, grade, label, day, List.copyOf(factors), List.copyOf(scores), override, next);
    }

    private static GradeBand band(RatingModel model, int score) {
        for (GradeBand g : model.grades()) {
            if (score >= g.minScore()) {
                return g;
            }
        }
        return model.grades().get(model.grades().size() - 1);
    }

    /** A is best; "worse" means later in the alphabet. */
    private static boolean worse(String a, String b) {
        return a.compareTo(b) > 0;
    }

    private record Candidate(RecordFact record, RecordFactor factor, int points, double decay, int applied, String note) {
    }

    private record Decayed(double factor, double elapsedShare, LocalDate nextStepOn) {
    }

    /** The step factor for the elapsed share of the publicity period, and the day the next step begins. */
    static Decayed decay(List<DecayStep> steps, LocalDate decided, LocalDate ends, LocalDate day) {
        if (decided == null || ends == null || !ends.isAfter(decided)) {
            return new Decayed(1.0, 0, null);
        }
        long period = ChronoUnit.DAYS.between(decided, ends);
        long elapsed = Math.max(0, ChronoUnit.DAYS.between(decided, day));
        double share = (double) elapsed / period;
        double factor = steps.get(0).factor();
        LocalDate nextStep = null;
        for (DecayStep s : steps) {
            if (share >= s.elapsedShare()) {
                factor = s.factor();
            } else {
                nextStep = decided.plusDays((long) Math.ceil(s.elapsedShare() * period));
                break;
            }
        }
        return new Decayed(factor, share, nextStep);
    }

    private static LocalDate earliest(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    private static int clamp(int v, int min, int max) {
        return Math.max(min, Math.min(max, v));
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
