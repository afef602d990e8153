package org.opencredit.blacklist.entry;

/** The steps of due process; each is recorded in the entry's history and emits an event. */
public enum Action {
    PROPOSE, NOTIFY, OBJECT, ANSWER_OBJECTION, LIST, EXTEND, REMOVE, WITHDRAW, EXPIRE
}
