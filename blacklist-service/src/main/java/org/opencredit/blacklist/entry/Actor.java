package org.opencredit.blacklist.entry;

/** Who takes a step: an API client (its id and kind) or the platform itself. */
public record Actor(String id, String kind) {
    public static final Actor SYSTEM_EXPIRY = new Actor("blacklist-service:expiry-sweep", "SYSTEM");
    public static final Actor SYSTEM_RULES = new Actor("blacklist-service:listing-rules", "SYSTEM");
}
