package org.opencredit.enterprise.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.opencredit.chassis.store.DocumentFields.put;

import org.bson.Document;
import org.opencredit.chassis.store.DocumentFields;
import org.springframework.data.mongodb.core.convert.MongoConverter;

/**
 * A new record's document built field by field, for the bulk ingest: Spring Data's mapping of a
 * {@link RecordDocument} (reflection and a type lookup per property) took a fifth of the service's CPU in a
 * bulk ingest profile (bench/RESULTS.md, issue 3, 2026-12-04). The result is the very document the mapping
 * would write (same fields, same value conversions, nulls left out): {@code RecordBsonTest} compares the two,
 * and anything here it does not know (a new field) must be added there first. Single values still go through
 * the converter, so dates and amounts are stored as everywhere else.
 */
final class RecordBson {

    private final DocumentFields fields;

    RecordBson(MongoConverter converter) {
        this.fields = new DocumentFields(converter);
    }

    /** A document just bulk-submitted: no repair applications yet, its event (if any) in a chunk ledger, not its outbox. */
    Document of(RecordDocument d) {
        if (!d.repairApplications.isEmpty() || !d.outbox.isEmpty()) {
            throw new IllegalArgumentException("only new records whose events wait in a ledger: " + d.id);
        }
        Document out = new Document();
        put(out, "_id", fields.id(d.id)); // 24 hex digits: an ObjectId, as the mapping stores it
        put(out, "uscc", d.uscc);
        put(out, "status", d.status);
        put(out, "record", record(d.record));
        List<Document> history = new ArrayList<>(d.history.size());
        for (RecordChange c : d.history) {
            history.add(fields.change(c.revision(), c.change(), c.at(), c.by(), c.reason(), c.record() == null ? null : record(c.record())));
        }
        out.put("history", history);
        out.put("repairApplications", new ArrayList<>());
        DocumentFields.lockAndLedger(out, d.version, d.lock, d.outboxLedger, RecordDocument.class);
        return out;
    }

    private Document record(CreditRecord r) {
        Document out = new Document();
        put(out, "recordId", r.recordId());
        put(out, "uscc", r.uscc());
        put(out, "subjectName", r.subjectName());
        put(out, "category", r.category());
        put(out, "severity", r.severity());
        put(out, "polarity", r.polarity());
        put(out, "department", r.department());
        put(out, "departmentRecordId", r.departmentRecordId());
        put(out, "decisionDate", value(r.decisionDate()));
        put(out, "submittedAt", value(r.submittedAt()));
        put(out, "publicityEnds", value(r.publicityEnds()));
        put(out, "earliestRepair", value(r.earliestRepair()));
        out.put("late", r.late());
        put(out, "status", r.status() == null ? null : r.status().name());
        out.put("revision", r.revision());
        put(out, "catalogueVersion", r.catalogueVersion());
        put(out, "penalty", r.penalty() == null ? null : penalty(r.penalty()));
        put(out, "licence", r.licence() == null ? null : licence(r.licence()));
        put(out, "details", r.details() == null ? null : details(r.details()));
        return out;
    }

    private Document penalty(PenaltyFields p) {
        Document out = new Document();
        put(out, "documentNumber", p.documentNumber());
        put(out, "violationType", p.violationType());
        put(out, "facts", p.facts());
        put(out, "legalBasis", p.legalBasis());
        put(out, "penaltyCategory", p.penaltyCategory());
        put(out, "penaltyContent", p.penaltyContent());
        put(out, "fineAmount", value(p.fineAmount()));
        put(out, "confiscatedAmount", value(p.confiscatedAmount()));
        put(out, "licenceAffected", p.licenceAffected());
        put(out, "penaltyValidUntil", value(p.penaltyValidUntil()));
        put(out, "authority", p.authority());
        put(out, "authorityUscc", p.authorityUscc());
        put(out, "sourceDepartment", p.sourceDepartment());
        put(out, "sourceDepartmentUscc", p.sourceDepartmentUscc());
        put(out, "remarks", p.remarks());
        return out;
    }

    private Document licence(LicenceFields l) {
        Document out = new Document();
        put(out, "documentName", l.documentName());
        put(out, "documentNumber", l.documentNumber());
        put(out, "licenceCategory", l.licenceCategory() == null ? null : l.licenceCategory().name());
        put(out, "certificateName", l.certificateName());
        put(out, "certificateNumber", l.certificateNumber());
        put(out, "content", l.content());
        put(out, "validFrom", value(l.validFrom()));
        put(out, "validTo", value(l.validTo()));
        put(out, "authority", l.authority());
        put(out, "authorityUscc", l.authorityUscc());
        put(out, "currentStatus", l.currentStatus());
        return out;
    }

    /** Free fields as parsed from JSON: strings go as they are, anything else as the converter writes it. */
    private Document details(Map<String, Object> details) {
        Document out = new Document();
        details.forEach((k, v) -> out.put(k, v instanceof String ? v : fields.value(v)));
        return out;
    }

    private Object value(Object v) {
        return fields.value(v);
    }
}
