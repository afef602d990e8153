package org.opencredit.blacklist.entry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.opencredit.blacklist.catalogue.ListType;

/**
 * One subject on (or on its way to, or off) one list, with its whole due-process history. The
 * rules of due process live here; every method returns the next version of the entry (revision + 1,
 * one more history step) or throws {@link IllegalTransitionException} naming the current state.
 *
 * @param subject              USCC of a legal person, or the keyed pseudonym {@code person:<hex>} of a natural person
 * @param maskedIdentityNumber a natural person's identity number as published (masked), never the number
 * @param authority            who proposed it: a department code, or OFFICE
 * @param sourceRecordId       the credit record an automatic proposal came from, {@code null} otherwise
 * @param objectionDeadline    last day on which the subject may object (set by the notice)
 * @param expiresOn            the day the listing ends (the entry is in force before this day)
 * @param extendedYears        years added by an extension ({@code null}: not extended)
 */
public record ListEntry(String id, String subject, String subjectKind, String subjectName, String maskedIdentityNumber,
                        String listType, EntryState state, String facts, String legalBasis, String decisionNumber,
                        String authority, String sourceRecordId, LocalDate proposedOn, LocalDate notifiedOn,
                        LocalDate objectionDeadline, Objection objection, LocalDate listedOn, LocalDate expiresOn,
                        Integer extendedYears, String removalGround, LegalRepresentative legalRepresentative, int revision,
                        List<Transition> history) {

    /** Grounds on which a listed entry is removed before it expires. */
    public static final Set<String> REMOVAL_GROUNDS = Set.of("OBLIGATION_FULFILLED", "CREDIT_REPAIR", "COURT_DECISION",
            "DECISION_REVOKED", "ERROR_CORRECTED");

    public ListEntry {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** A new proposal (revision 1). */
    public static ListEntry propose(String id, String subject, String subjectKind, String subjectName, String maskedIdentityNumber,
                                    ListType type, String facts, String legalBasis, String decisionNumber, String authority,
                                    String sourceRecordId, LegalRepresentative legalRepresentative, Actor actor, Instant now,
                                    LocalDate today, String reason) {
        Transition step = new Transition(Action.PROPOSE, null, EntryState.PROPOSED, actor.id(), actor.kind(), now, reason);
        return new ListEntry(id, subject, subjectKind, subjectName, maskedIdentityNumber, type.code(), EntryState.PROPOSED, facts,
                legalBasis == null || legalBasis.isBlank() ? type.legalBasis() : legalBasis, decisionNumber, authority,
                sourceRecordId, today, null, null, null, null, null, null, null, legalRepresentative, 1, List.of(step));
    }

    /** The notice (reasons, basis, rights) was sent: the objection window opens. */
    public ListEntry notify(ListType type, Actor actor, Instant now, LocalDate today, String reason) {
        require(Action.NOTIFY, EntryState.PROPOSED, "only a proposed entry can be notified");
        return next(Action.NOTIFY, EntryState.NOTIFIED, actor, now, reason, b -> {
            b.notifiedOn = today;
            b.objectionDeadline = today.plusDays(type.objectionWindowDays());
        });
    }

    /** The subject objects within the window: listing is suspended until the objection is answered. */
    public ListEntry object(ListType type, Actor actor, Instant now, LocalDate today, String statement) {
        require(Action.OBJECT, EntryState.NOTIFIED, "an objection can be filed only against a notified entry");
        if (objection != null) {
            throw new IllegalTransitionException("objection-already-answered", this, "entry " + id
                    + " already had an objection, answered on " + objection.answeredOn() + "; the remedies are: " + type.remedies());
        }
        if (today.isAfter(objectionDeadline)) {
            throw new IllegalTransitionException("objection-window-closed", this, "the objection window of entry " + id
                    + " closed on " + objectionDeadline + "; the remedies left are: " + type.remedies());
        }
        return next(Action.OBJECT, EntryState.OBJECTED, actor, now, statement,
                b -> b.objection = new Objection(today, statement, today.plusDays(type.objectionAnswerDays()), null, null, null));
    }

    /** The authority answers the objection: upheld drops the proposal, rejected lets listing proceed. */
    public ListEntry answerObjection(boolean upheld, Actor actor, Instant now, LocalDate today, String answer) {
        require(Action.ANSWER_OBJECTION, EntryState.OBJECTED, "only an entry with a pending objection can have it answered");
        return next(Action.ANSWER_OBJECTION, upheld ? EntryState.WITHDRAWN : EntryState.NOTIFIED, actor, now, answer,
                b -> b.objection = new Objection(objection.filedOn(), objection.statement(), objection.answerDue(), today, upheld, answer));
    }

    /**
     * Lists (publishes) a notified entry once the objection window has passed, or once the subject's
     * objection was answered and rejected. The period runs from today.
     */
    public ListEntry list(ListType type, Actor actor, Instant now, LocalDate today, String reason) {
        if (state == EntryState.PROPOSED) {
            throw new IllegalTransitionException("not-notified", this, "entry " + id + " is PROPOSED: the subject must be "
                    + "notified (reasons, basis, rights) and the objection window must pass before listing; send NOTIFY first");
        }
        if (state == EntryState.OBJECTED) {
            throw new IllegalTransitionException("objection-pending", this, "entry " + id + " has an objection pending since "
                    + objection.filedOn() + "; answer it (ANSWER_OBJECTION, due " + objection.answerDue() + ") before listing");
        }
        require(Action.LIST, EntryState.NOTIFIED, "only a notified entry can be listed");
        boolean objectionRejected = objection != null && Boolean.FALSE.equals(objection.upheld());
        if (!objectionRejected && !today.isAfter(objectionDeadline)) {
            throw new IllegalTransitionException("objection-window-open", this, "the objection window of entry " + id
                    + " is open until " + objectionDeadline + " inclusive; list it from " + objectionDeadline.plusDays(1));
        }
        return next(Action.LIST, EntryState.LISTED, actor, now, reason, b -> {
            b.listedOn = today;
            b.expiresOn = today.plusMonths(type.period().months());
        });
    }

    /** Extends a listed entry by whole years, within the list type's range, once. */
    public ListEntry extend(ListType type, int years, Actor actor, Instant now, String reason) {
        require(Action.EXTEND, EntryState.LISTED, "only a listed entry can be extended");
        ListType.Extension rule = type.period().extension();
        if (rule == null) {
            throw new IllegalTransitionException("not-extendable", this, "entries of " + type.code() + " cannot be extended");
        }
        if (extendedYears != null) {
            throw new IllegalTransitionException("already-extended", this, "entry " + id + " was already extended by "
                    + extendedYears + " years; an entry is extended once");
        }
        if (years < rule.minYears() || years > rule.maxYears()) {
            throw new InvalidStepException("years", "an extension of " + type.code() + " is " + rule.minYears() + " to "
                    + rule.maxYears() + " years, not " + years);
        }
        return next(Action.EXTEND, EntryState.LISTED, actor, now, reason, b -> {
            b.extendedYears = years;
            b.expiresOn = expiresOn.plusYears(years);
        });
    }

    /** Removes a listed entry before it expires (obligation met, repair, court decision...). */
    public ListEntry remove(String ground, Actor actor, Instant now, String reason) {
        if (state == EntryState.REMOVED) {
            throw new IllegalTransitionException("already-removed", this, "entry " + id + " was already removed");
        }
        require(Action.REMOVE, EntryState.LISTED, "only a listed entry can be removed (withdraw a proposal instead)");
        if (ground == null || !REMOVAL_GROUNDS.contains(ground)) {
            throw new InvalidStepException("ground", "a removal needs a ground, one of " + REMOVAL_GROUNDS.stream().sorted().toList());
        }
        return next(Action.REMOVE, EntryState.REMOVED, actor, now, reason, b -> b.removalGround = ground);
    }

    /** Drops a proposal before listing. */
    public ListEntry withdraw(Actor actor, Instant now, String reason) {
        if (!EntryState.BEFORE_LISTING.contains(state)) {
            throw new IllegalTransitionException("not-withdrawable", this, "entry " + id + " is " + state
                    + ": only an entry not yet listed can be withdrawn" + (state == EntryState.LISTED ? " (remove it instead)" : ""));
        }
        return next(Action.WITHDRAW, EntryState.WITHDRAWN, actor, now, reason, b -> { });
    }

    /** Ends a listing whose period is over. */
    public ListEntry expire(Actor actor, Instant now, LocalDate today) {
        require(Action.EXPIRE, EntryState.LISTED, "only a listed entry expires");
        if (today.isBefore(expiresOn)) {
            throw new IllegalTransitionException("not-due", this, "entry " + id + " is listed until " + expiresOn);
        }
        return next(Action.EXPIRE, EntryState.EXPIRED, actor, now, "listing period ended on " + expiresOn, b -> { });
    }

    /** Whether the entry is in force on {@code today}: listed and its period not over (even before the sweep ran). */
    public boolean inForce(LocalDate today) {
        return state == EntryState.LISTED && (expiresOn == null || today.isBefore(expiresOn));
    }

    /**
     * Whether the subject's objection is unanswered after its answer date: the entry stays suspended
     * (it cannot be listed until answered) and is flagged and counted for the office to chase.
     */
    public boolean objectionOverdue(LocalDate today) {
        return state == EntryState.OBJECTED && objection != null && !objection.answered() && today.isAfter(objection.answerDue());
    }

    /** The entry without its history (what a credit check needs, held in memory by {@link ListedEntries}). */
    public ListEntry withoutHistory() {
        return new ListEntry(id, subject, subjectKind, subjectName, maskedIdentityNumber, listType, state, facts, legalBasis,
                decisionNumber, authority, sourceRecordId, proposedOn, notifiedOn, objectionDeadline, objection, listedOn, expiresOn,
                extendedYears, removalGround, legalRepresentative, revision, List.of());
    }

    public Transition lastStep() {
        return history.get(history.size() - 1);
    }

    private void require(Action action, EntryState required, String rule) {
        if (state != required) {
            throw new IllegalTransitionException("illegal-transition", this, action + " is not allowed: entry " + id + " is "
                    + state + "; " + rule);
        }
    }

    private ListEntry next(Action action, EntryState to, Actor actor, Instant now, String reason,
                           java.util.function.Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        List<Transition> steps = new ArrayList<>(history);
        steps.add(new Transition(action, state, to, actor.id(), actor.kind(), now, reason));
        return new ListEntry(id, subject, subjectKind, subjectName, maskedIdentityNumber, listType, to, facts, legalBasis,
                decisionNumber, authority, sourceRecordId, proposedOn, b.notifiedOn, b.objectionDeadline, b.objection, b.listedOn,
                b.expiresOn, b.extendedYears, b.removalGround, legalRepresentative, revision + 1, steps);
    }

    private static final class Builder {
        LocalDate notifiedOn;
        LocalDate objectionDeadline;
        Objection objection;
        LocalDate listedOn;
        LocalDate expiresOn;
        Integer extendedYears;
        String removalGround;

        Builder(ListEntry e) {
            notifiedOn = e.notifiedOn;
            objectionDeadline = e.objectionDeadline;
            objection = e.objection;
            listedOn = e.listedOn;
            expiresOn = e.expiresOn;
            extendedYears = e.extendedYears;
            removalGround = e.removalGround;
        }
    }
}
