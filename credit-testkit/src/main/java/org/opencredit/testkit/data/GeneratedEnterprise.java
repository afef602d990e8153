package org.opencredit.testkit.data;

import java.time.LocalDate;
import java.util.List;

/**
 * A generated legal-person subject. {@code entityKind} is what {@code Uscc.entityKind()} reads from the code
 * ("enterprise", "individual business", ...); {@code industryCode} is a GB/T 4754-2017 class as section letter plus
 * four digits (e.g. {@code C3670}, section = first character); {@code profile} is the
 * {@link EnterpriseProfile} name the records were drawn for, so calibration can be checked.
 */
public record GeneratedEnterprise(String uscc, String name, String entityKind, String regionCode, String industryCode,
                                  String legalRepresentative, LocalDate establishedOn, long registeredCapitalYuan,
                                  List<GeneratedRecord> records, List<GeneratedListEntry> listEntries, String profile) {

    public GeneratedEnterprise {
        records = List.copyOf(records);
        listEntries = List.copyOf(listEntries);
    }

    /** Without a profile, for subjects that were not generated (fixtures written by hand). */
    public GeneratedEnterprise(String uscc, String name, String entityKind, String regionCode, String industryCode,
                               String legalRepresentative, LocalDate establishedOn, long registeredCapitalYuan,
                               List<GeneratedRecord> records, List<GeneratedListEntry> listEntries) {
        this(uscc, name, entityKind, regionCode, industryCode, legalRepresentative, establishedOn, registeredCapitalYuan,
                records, listEntries, null);
    }

    /** The profile as the enum, or null when there is none. */
    public EnterpriseProfile profileKind() {
        return profile == null ? null : EnterpriseProfile.valueOf(profile);
    }
}
