package org.opencredit.enterprise.record;

import java.time.LocalDate;

/** The double-publicity fields of an administrative licence. */
public record LicenceFields(String documentName, String documentNumber, LicenceCategory licenceCategory,
                            String certificateName, String certificateNumber, String content, LocalDate validFrom,
                            LocalDate validTo, String authority, String authorityUscc, String currentStatus) {

    public enum LicenceCategory { ORDINARY, SPECIAL, APPROVAL, VERIFICATION, REGISTRATION, OTHER }
}
