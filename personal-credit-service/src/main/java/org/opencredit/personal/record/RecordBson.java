package org.opencredit.personal.record;

import java.util.ArrayList;
import java.util.List;

import static org.opencredit.chassis.store.DocumentFields.put;

import org.bson.Document;
import org.opencredit.chassis.store.DocumentFields;
import org.springframework.data.mongodb.core.convert.MongoConverter;

/**
 * A new personal record's document built field by field, for the bulk ingest: Spring Data's mapping (reflection
 * and a type lookup per property) took over a quarter of the service's CPU in a bulk ingest profile
 * (bench/RESULTS.md, issue 4, 2026-12-04). The result is the very document the mapping would write (same fields,
 * same value conversions, nulls left out): {@code RecordBsonTest} compares the two, and a new field must be added
 * here too. Single values still go through the converter, so dates and amounts are stored as everywhere else.
 */
final class RecordBson {

    private final DocumentFields fields;

    RecordBson(MongoConverter converter) {
        this.fields = new DocumentFields(converter);
    }

    /** A document just bulk-submitted: no objections or statement yet, its event in a chunk ledger, not its outbox. */
    Document of(PersonalRecordDocument d) {
        if (!d.objections.isEmpty() || d.statement != null || !d.outbox.isEmpty()) {
            throw new IllegalArgumentException("only new records whose events wait in a ledger: " + d.id);
        }
        Document out = new Document();
        put(out, "_id", fields.id(d.id)); // 24 hex digits: an ObjectId, as the mapping stores it
        put(out, "personRef", d.personRef);
        put(out, "deleteOn", d.deleteOn);
        out.put("disputed", d.disputed);
        put(out, "subjectPseudonym", d.subjectPseudonym);
        put(out, "record", record(d.record));
        List<Document> history = new ArrayList<>(d.history.size());
        for (RecordChange c : d.history) {
            history.add(fields.change(c.revision(), c.change(), c.at(), c.by(), c.reason(), c.record() == null ? null : record(c.record())));
        }
        out.put("history", history);
        out.put("objections", new ArrayList<>());
        DocumentFields.lockAndLedger(out, d.version, d.lock, d.outboxLedger, PersonalRecordDocument.class);
        return out;
    }

    private Document record(PersonalRecord r) {
        Document out = new Document();
        put(out, "recordId", r.recordId());
        put(out, "personRef", r.personRef());
        put(out, "category", r.category());
        put(out, "severity", r.severity());
        put(out, "polarity", r.polarity());
        put(out, "department", r.department());
        put(out, "departmentRecordId", r.departmentRecordId());
        put(out, "decisionDate", value(r.decisionDate()));
        put(out, "conductEndDate", value(r.conductEndDate()));
        put(out, "title", r.title());
        put(out, "content", r.content());
        put(out, "authority", r.authority());
        put(out, "documentNumber", r.documentNumber());
        put(out, "consentReference", r.consentReference());
        if (r.amounts() != null) {
            Document amounts = new Document();
            r.amounts().forEach((k, v) -> put(amounts, k, value(v)));
            out.put("amounts", amounts);
        }
        put(out, "status", r.status());
        out.put("revision", r.revision());
        put(out, "submittedAt", value(r.submittedAt()));
        put(out, "updatedAt", value(r.updatedAt()));
        return out;
    }

    private Object value(Object v) {
        return fields.value(v);
    }
}
