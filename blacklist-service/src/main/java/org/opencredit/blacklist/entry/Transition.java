package org.opencredit.blacklist.entry;

import java.time.Instant;

/** One recorded step: who did what, when and why. Never changed once written. */
public record Transition(Action action, EntryState from, EntryState to, String actor, String actorKind, Instant at, String reason) {
}
