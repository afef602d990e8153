package org.opencredit.blacklist.list;

import java.util.List;

/**
 * Which lists a legal-person subject is on now (published entries in force).
 *
 * @param restricted whether any blacklist (negative list) entry is in force
 */
public record SubjectListing(String uscc, String name, String entityKind, String regionCode, List<PublicEntry> entries,
                             boolean restricted) {
}
