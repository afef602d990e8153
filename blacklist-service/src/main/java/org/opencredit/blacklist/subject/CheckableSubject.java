package org.opencredit.blacklist.subject;

import java.time.Instant;

/**
 * A subject a credit check can be asked about, as blacklist-service learned it from
 * {@code subject registered} events. The authority matters here: measures bind by entity kind.
 */
public record CheckableSubject(String uscc, String name, String authority, String entityKind, String regionCode,
                               Instant registeredAt, String lastEventId) {
}
