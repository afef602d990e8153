package org.opencredit.chassis.store;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.convert.MongoConverter;

/**
 * Helpers for documents built field by field where Spring Data's mapping is too slow (bulk ingest), so that they
 * come out as the mapping writes them: nulls left out, single values converted by the converter, and an id of
 * 24 hex digits stored as an ObjectId.
 */
public final class DocumentFields {

    private final MongoConverter converter;

    public DocumentFields(MongoConverter converter) {
        this.converter = converter;
    }

    /** The id as the mapping stores a {@code String} id: an ObjectId when it is one in hex, else the text. */
    public Object id(String id) {
        return converter.convertId(id, ObjectId.class);
    }

    /** A single value (date, instant, amount, collection) as the mapping stores it; null stays null. */
    public Object value(Object v) {
        return v == null ? null : converter.convertToMongoType(v);
    }

    /** Puts {@code value} unless it is null, as the mapping leaves null properties out. */
    public static void put(Document d, String key, Object value) {
        if (value != null) {
            d.put(key, value);
        }
    }
    /**
     * One entry of a record's history as the mapping writes a {@code RecordChange} (both credit services' records
     * keep the same history shape; {@code record} is the revision's record, already built, or null).
     */
    public Document change(int revision, String change, Object at, String by, String reason, Document record) {
        Document out = new Document();
        out.put("revision", revision);
        put(out, "change", change);
        put(out, "at", value(at));
        put(out, "by", by);
        put(out, "reason", reason);
        put(out, "record", record);
        return out;
    }

    /**
     * The fields a bulk-inserted document ends with: its lock, an empty outbox (its event waits in the chunk
     * ledger {@code ledger}) and the type the mapping records.
     */
    public static void lockAndLedger(Document d, Long version, String lock, String ledger, Class<?> type) {
        put(d, "version", version);
        put(d, "lock", lock);
        d.put("outbox", new java.util.ArrayList<>());
        put(d, "outboxLedger", ledger);
        d.put("_class", type.getName());
    }
}
