package org.opencredit.contracts.catalogue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A record category of the Public Credit Information Basic Catalogue: only catalogued information
 * may enter the platform.
 *
 * @param departments        the department codes entitled to submit this category
 * @param publicity          publicity period per severity this category knows
 * @param unrepairableReason why credit repair is refused, when {@code repairable} is false
 */
public record Category(String code, String name, String nameEn, String legalBasis, List<SubjectKind> subjectKinds,
                       Polarity polarity, RecordShape shape, List<String> departments,
                       Map<Severity, PublicityPeriod> publicity, boolean repairable, String unrepairableReason) {

    public Category {
        subjectKinds = List.copyOf(subjectKinds);
        departments = List.copyOf(departments);
        publicity = Map.copyOf(publicity);
        if (publicity.isEmpty()) {
            throw new IllegalArgumentException("category " + code + " has no publicity period");
        }
    }

    public Optional<PublicityPeriod> publicityFor(Severity severity) {
        return Optional.ofNullable(publicity.get(severity));
    }

    public boolean entitles(String departmentCode) {
        return departments.contains(departmentCode);
    }

    /** The severity a record gets when the department names none: the category's only one, or GENERAL. */
    public Severity defaultSeverity() {
        if (publicity.size() == 1) {
            return publicity.keySet().iterator().next();
        }
        return publicity.containsKey(Severity.GENERAL) ? Severity.GENERAL : publicity.keySet().iterator().next();
    }
}
