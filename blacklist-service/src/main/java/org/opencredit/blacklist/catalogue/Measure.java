package org.opencredit.blacklist.catalogue;

import java.util.List;

/**
 * A catalogued measure: what may be done to (or for) a listed subject, by whom, on which legal basis.
 *
 * @param level                    ADMINISTRATIVE, INDUSTRY, MARKET, JUDICIAL or SOCIAL
 * @param effect                   PROHIBIT, RESTRICT or INCENTIVE
 * @param listTypes                the list types it follows from
 * @param scenarios                the decision scenarios it applies to
 * @param subjectKinds             which subjects it binds
 * @param bindsLegalRepresentative whether an entry against an organisation also binds its legal representative
 */
public record Measure(String code, String name, String level, String effect, String legalBasis, List<String> listTypes,
                      List<String> scenarios, List<String> subjectKinds, boolean bindsLegalRepresentative) {

    public boolean appliesTo(String listType, String scenario, String subjectKind) {
        return listTypes.contains(listType) && scenarios.contains(scenario) && subjectKinds.contains(subjectKind);
    }
}
