package org.opencredit.personal.person;

import java.util.List;

/**
 * A person as a caller sees it: masked by default; {@code masked=false} only for the credit office
 * asking explicitly. {@code personRef} is the opaque reference used in URLs and events.
 */
public record PersonView(String personRef, String identityNumber, String name, boolean masked, List<Membership> memberships) {
}
