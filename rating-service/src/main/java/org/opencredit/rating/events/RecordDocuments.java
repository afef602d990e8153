package org.opencredit.rating.events;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.annotation.Id;

/**
 * Writes the records rating-service stores (a rated subject and the values in it) as store documents, as the
 * template's converter writes them: components by name, the {@code @Id} one as {@code _id}, nulls left out, dates
 * and ids as the converter stores them. The batched record path converts every subject it writes; the converter's per-property
 * lookups were a fifth of the consumer's CPU on two cores. {@code RecordDocumentsTest} holds the two to the same output.
 */
final class RecordDocuments {

    private record Component(String field, Method accessor) {
    }

    private static final ClassValue<Component[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected Component[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Component[] out = new Component[components.length];
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                boolean id = c.isAnnotationPresent(Id.class) || c.getAccessor().isAnnotationPresent(Id.class)
                        || fieldIsId(type, c.getName());
                out[i] = new Component(id ? "_id" : c.getName(), c.getAccessor());
            }
            return out;
        }
    };

    private RecordDocuments() {
    }

    private static boolean fieldIsId(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name).isAnnotationPresent(Id.class);
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    /** The document of a record; throws for a value type this writer does not know (so it never guesses). */
    static Document write(Record value) {
        Document doc = new Document();
        for (Component c : COMPONENTS.get(value.getClass())) {
            Object v;
            try {
                v = c.accessor().invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + c.field() + " of " + value.getClass().getName(), e);
            }
            if (v != null) {
                // a String id of 24 hex digits is stored as an ObjectId, as the converter stores it (and queries by it)
                doc.put(c.field(), "_id".equals(c.field()) && v instanceof String id && ObjectId.isValid(id) ? new ObjectId(id) : value(v));
            }
        }
        return doc;
    }

    static Object value(Object v) {
        if (v instanceof String || v instanceof Integer || v instanceof Long || v instanceof Double || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Record r) {
            return write(r);
        }
        if (v instanceof Collection<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(o == null ? null : value(o));
            }
            return out;
        }
        if (v instanceof Instant i) {
            return Date.from(i);
        }
        if (v instanceof LocalDate d) {
            // as the converter's LocalDate-to-Date conversion does (and its reading undoes): midnight in the JVM's zone
            return Date.from(d.atStartOfDay(ZoneId.systemDefault()).toInstant());
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        throw new IllegalArgumentException("no document form for " + v.getClass().getName());
    }
}
