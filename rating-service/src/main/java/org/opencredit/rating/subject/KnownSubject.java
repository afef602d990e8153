package org.opencredit.rating.subject;

import java.time.Instant;

/**
 * A subject as the rating service knows it, from {@code subject registered} events: enough to
 * rate it and to group ratings by region and entity kind.
 */
public record KnownSubject(String uscc, String name, String entityKind, String regionCode, Instant registeredAt,
                           String lastEventId) {
}
