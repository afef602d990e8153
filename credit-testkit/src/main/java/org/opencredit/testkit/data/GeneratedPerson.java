package org.opencredit.testkit.data;

import java.util.List;

/**
 * A generated natural person in the personal credit database. {@code identityNumber} is a valid GB 11643 number
 * (synthetic, but personal-information rules apply to it in the platform as to a real one); {@code keyGroups} are codes
 * of personal-credit-service's key-groups.json.
 */
public record GeneratedPerson(String identityNumber, String name, String regionCode, List<String> keyGroups,
                              List<GeneratedRecord> records) {

    public GeneratedPerson {
        keyGroups = List.copyOf(keyGroups);
        records = List.copyOf(records);
    }
}
