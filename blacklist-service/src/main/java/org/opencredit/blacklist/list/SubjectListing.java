package org.opencredit.blacklist.list;

import java.util.List;

/**
 * Which lists a subject is on. Entries, list types and measures arrive with the blacklist issue;
 * until then every known subject is on no list and no measure restricts it.
 */
public record SubjectListing(String uscc, String name, String entityKind, String regionCode, List<Object> entries,
                             boolean restricted) {
}
