package org.opencredit.rating.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Merges one fact into a subject's summary. A fact replaces the one kept for the same id only when
 * its revision is higher, so redelivered and out-of-order events leave the summary as the newest
 * revision made it; {@code null} means "nothing changed".
 */
public final class Facts {

    private Facts() {
    }

    public static List<RecordFact> merge(List<RecordFact> kept, RecordFact incoming) {
        return merge(kept, incoming, RecordFact::recordId, RecordFact::revision);
    }

    public static List<ListFact> merge(List<ListFact> kept, ListFact incoming) {
        return merge(kept, incoming, ListFact::entryId, ListFact::revision);
    }

    private static <T> List<T> merge(List<T> kept, T incoming, Function<T, String> id, Function<T, Integer> revision) {
        List<T> next = new ArrayList<>(kept.size() + 1);
        boolean found = false;
        for (T k : kept) {
            if (id.apply(k).equals(id.apply(incoming))) {
                found = true;
                if (revision.apply(incoming) <= revision.apply(k)) {
                    return null;
                }
                next.add(incoming);
            } else {
                next.add(k);
            }
        }
        if (!found) {
            next.add(incoming);
        }
        return next;
    }
}
