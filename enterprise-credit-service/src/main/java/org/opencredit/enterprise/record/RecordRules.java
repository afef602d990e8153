package org.opencredit.enterprise.record;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.opencredit.contracts.catalogue.Catalogue;
import org.opencredit.contracts.catalogue.Category;
import org.opencredit.contracts.catalogue.PublicityPeriod;
import org.opencredit.contracts.catalogue.RecordShape;
import org.opencredit.contracts.catalogue.Severity;
import org.opencredit.contracts.catalogue.SubjectKind;
import org.opencredit.contracts.identifier.InvalidIdentifierException;
import org.opencredit.contracts.identifier.Uscc;

/**
 * Turns a department's submission into a {@link CreditRecord}, or says every field that is wrong:
 * catalogue membership, the department's entitlement, the subject's code and kind, dates, the
 * publicity period from category and severity, timeliness, and the fields of the category's shape.
 * The same rules serve single submissions and every line of a bulk file.
 */
public final class RecordRules {

    /** Days in which a decision must be published (DOMAIN §3, "double publicity"). */
    public static final int PUBLICATION_DEADLINE_WORKING_DAYS = 7;
    public static final int MAX_TEXT = 2000;
    /** Decisions are dated in the province's time zone. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final Catalogue catalogue;
    private final WorkingCalendar calendar;
    private final Clock clock;

    public RecordRules(Catalogue catalogue, WorkingCalendar calendar, Clock clock) {
        this.catalogue = catalogue;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** Outcome of checking one submission: a record, or the list of faults (never both). */
    public record Outcome(CreditRecord record, List<FieldError> errors) {
        public boolean valid() {
            return record != null;
        }
    }

    public Outcome check(RecordSubmission s, String department) {
        List<FieldError> errors = new ArrayList<>();
        Category category = null;
        if (blank(s.category())) {
            errors.add(new FieldError("category", "is required: give a catalogue category code (GET /api/v1/catalogue lists them)"));
        } else {
            category = catalogue.category(s.category().trim()).orElse(null);
            if (category == null) {
                errors.add(new FieldError("category", "'" + s.category() + "' is not in catalogue " + catalogue.version()
                        + "; only catalogued information may be recorded (GET /api/v1/catalogue lists the categories)"));
            } else if (department == null || !category.entitles(department)) {
                errors.add(new FieldError("category", "department " + (department == null ? "(none)" : department)
                        + " may not submit " + category.code() + "; entitled are " + String.join(", ", category.departments())));
            }
        }
        if (blank(s.departmentRecordId())) {
            errors.add(new FieldError("departmentRecordId", "is required: your own id of the record, so a resubmission is recognised"));
        } else if (s.departmentRecordId().length() > 100) {
            errors.add(new FieldError("departmentRecordId", "must have at most 100 characters"));
        }
        Uscc code = null;
        try {
            code = Uscc.parse(s.uscc());
        } catch (InvalidIdentifierException e) {
            errors.add(new FieldError("uscc", e.getMessage()));
        }
        if (blank(s.subjectName())) {
            errors.add(new FieldError("subjectName", "is required: the party's name as in the decision"));
        } else if (s.subjectName().length() > 200) {
            errors.add(new FieldError("subjectName", "must have at most 200 characters"));
        }
        LocalDate today = LocalDate.now(clock.withZone(ZONE));
        if (s.decisionDate() == null) {
            errors.add(new FieldError("decisionDate", "is required (yyyy-MM-dd): publicity runs from it"));
        } else if (s.decisionDate().isAfter(today)) {
            errors.add(new FieldError("decisionDate", "must not be in the future"));
        } else if (s.decisionDate().getYear() < 1990) {
            errors.add(new FieldError("decisionDate", "must not be before 1990"));
        }
        Severity severity = null;
        PublicityPeriod period = null;
        if (category != null) {
            if (code != null) {
                SubjectKind kind = code.entityKind().equals("individual business") ? SubjectKind.INDIVIDUAL_BUSINESS : SubjectKind.LEGAL_PERSON;
                if (!category.subjectKinds().contains(kind)) {
                    errors.add(new FieldError("uscc", category.code() + " does not apply to a subject of kind " + kind));
                }
            }
            if (blank(s.severity())) {
                severity = category.defaultSeverity();
            } else {
                try {
                    severity = Severity.valueOf(s.severity().trim().toUpperCase());
                } catch (IllegalArgumentException e) {
                    severity = null;
                }
                if (severity == null || category.publicityFor(severity).isEmpty()) {
                    errors.add(new FieldError("severity", "'" + s.severity() + "' is not a severity of " + category.code()
                            + "; use one of " + category.publicity().keySet()));
                    severity = null;
                }
            }
            period = severity == null ? null : category.publicityFor(severity).orElse(null);
            checkShape(category.shape(), s, errors);
        }
        LocalDate publicityEnds = null;
        if (period != null && s.decisionDate() != null) {
            publicityEnds = period.latestEnd(s.decisionDate());
            if (s.publicityEndDate() != null) {
                if (s.publicityEndDate().isBefore(period.earliestEnd(s.decisionDate())) || s.publicityEndDate().isAfter(publicityEnds)) {
                    errors.add(new FieldError("publicityEndDate", "must lie between " + period.earliestEnd(s.decisionDate()) + " and "
                            + publicityEnds + " (" + period.minMonths() + " to " + period.maxMonths() + " months after the decision for "
                            + category.code() + " " + severity + ")"));
                } else {
                    publicityEnds = s.publicityEndDate();
                }
            }
        }
        if (!errors.isEmpty()) {
            return new Outcome(null, List.copyOf(errors));
        }
        RecordStatus status = !period.publishedByDefault() ? RecordStatus.UNPUBLISHED
                : publicityEnds.isBefore(today) ? RecordStatus.EXPIRED : RecordStatus.PUBLISHED;
        boolean late = calendar.workingDaysAfter(s.decisionDate(), today) > PUBLICATION_DEADLINE_WORKING_DAYS;
        CreditRecord record = new CreditRecord(recordId(department, s.departmentRecordId().trim()), code.value(),
                s.subjectName().strip(), category.code(), severity.name(), category.polarity().name(), department,
                s.departmentRecordId().trim(), s.decisionDate(), clock.instant(), publicityEnds,
                period.earliestEnd(s.decisionDate()), late, status, 1, catalogue.version(), s.penalty(), s.licence(),
                s.details() == null ? null : Map.copyOf(s.details()));
        return new Outcome(record, List.of());
    }

    private static void checkShape(RecordShape shape, RecordSubmission s, List<FieldError> errors) {
        switch (shape) {
            case PENALTY -> {
                if (s.licence() != null || s.details() != null) {
                    errors.add(new FieldError("penalty", "this category takes the penalty fields only, not licence or details"));
                }
                PenaltyFields p = s.penalty();
                if (p == null) {
                    errors.add(new FieldError("penalty", "is required for this category: documentNumber, violationType, penaltyCategory, penaltyContent, authority"));
                    return;
                }
                require(p.documentNumber(), "penalty.documentNumber", errors);
                require(p.violationType(), "penalty.violationType", errors);
                require(p.penaltyCategory(), "penalty.penaltyCategory", errors);
                require(p.penaltyContent(), "penalty.penaltyContent", errors);
                require(p.authority(), "penalty.authority", errors);
                notNegative(p.fineAmount(), "penalty.fineAmount", errors);
                notNegative(p.confiscatedAmount(), "penalty.confiscatedAmount", errors);
                optionalUscc(p.authorityUscc(), "penalty.authorityUscc", errors);
                optionalUscc(p.sourceDepartmentUscc(), "penalty.sourceDepartmentUscc", errors);
                limit(p.facts(), "penalty.facts", errors);
                limit(p.legalBasis(), "penalty.legalBasis", errors);
            }
            case LICENCE -> {
                if (s.penalty() != null || s.details() != null) {
                    errors.add(new FieldError("licence", "this category takes the licence fields only, not penalty or details"));
                }
                LicenceFields l = s.licence();
                if (l == null) {
                    errors.add(new FieldError("licence", "is required for this category: documentName, documentNumber, licenceCategory, content, validFrom, authority"));
                    return;
                }
                require(l.documentName(), "licence.documentName", errors);
                require(l.documentNumber(), "licence.documentNumber", errors);
                require(l.content(), "licence.content", errors);
                require(l.authority(), "licence.authority", errors);
                if (l.licenceCategory() == null) {
                    errors.add(new FieldError("licence.licenceCategory", "is required: ORDINARY, SPECIAL, APPROVAL, VERIFICATION, REGISTRATION or OTHER"));
                }
                if (l.validFrom() == null) {
                    errors.add(new FieldError("licence.validFrom", "is required (yyyy-MM-dd)"));
                } else if (l.validTo() != null && l.validTo().isBefore(l.validFrom())) {
                    errors.add(new FieldError("licence.validTo", "must not be before validFrom"));
                }
                optionalUscc(l.authorityUscc(), "licence.authorityUscc", errors);
            }
            case GENERAL -> {
                if (s.penalty() != null || s.licence() != null) {
                    errors.add(new FieldError("details", "this category takes details only, not penalty or licence fields"));
                }
                Object summary = s.details() == null ? null : s.details().get("summary");
                if (!(summary instanceof String text) || text.isBlank()) {
                    errors.add(new FieldError("details.summary", "is required: say in words what was decided"));
                } else if (text.length() > MAX_TEXT) {
                    errors.add(new FieldError("details.summary", "must have at most " + MAX_TEXT + " characters"));
                }
                if (s.details() != null && s.details().size() > 30) {
                    errors.add(new FieldError("details", "must have at most 30 fields"));
                }
            }
        }
    }

    /** The platform's record id: a digest of department and its own id, so a resubmission finds the same record. */
    public static String recordId(String department, String departmentRecordId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((department + "\u0000" + departmentRecordId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void require(String value, String field, List<FieldError> errors) {
        if (blank(value)) {
            errors.add(new FieldError(field, "is required"));
        } else {
            limit(value, field, errors);
        }
    }

    private static void limit(String value, String field, List<FieldError> errors) {
        if (value != null && value.length() > MAX_TEXT) {
            errors.add(new FieldError(field, "must have at most " + MAX_TEXT + " characters"));
        }
    }

    private static void notNegative(BigDecimal amount, String field, List<FieldError> errors) {
        if (amount != null && amount.signum() < 0) {
            errors.add(new FieldError(field, "must not be negative"));
        }
    }

    private static void optionalUscc(String value, String field, List<FieldError> errors) {
        if (!blank(value)) {
            try {
                Uscc.parse(value);
            } catch (InvalidIdentifierException e) {
                errors.add(new FieldError(field, e.getMessage()));
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
