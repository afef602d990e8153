package org.opencredit.blacklist.entry;

/** A step that due process does not allow from the entry's current state (answered 409 with that state). */
public class IllegalTransitionException extends RuntimeException {

    private final String slug;
    private final ListEntry entry;

    public IllegalTransitionException(String slug, ListEntry entry, String message) {
        super(message);
        this.slug = slug;
        this.entry = entry;
    }

    public String slug() {
        return slug;
    }

    public ListEntry entry() {
        return entry;
    }
}
