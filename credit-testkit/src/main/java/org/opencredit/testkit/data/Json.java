package org.opencredit.testkit.data;

import java.time.LocalDate;
import java.util.List;

/** One-line JSON of generated subjects for the command line, without a JSON library. */
final class Json {

    private Json() {
    }

    static StringBuilder enterprise(StringBuilder sb, GeneratedEnterprise e) {
        sb.append('{');
        field(sb, "uscc", e.uscc()).append(',');
        field(sb, "name", e.name()).append(',');
        field(sb, "entityKind", e.entityKind()).append(',');
        field(sb, "regionCode", e.regionCode()).append(',');
        field(sb, "industryCode", e.industryCode()).append(',');
        field(sb, "legalRepresentative", e.legalRepresentative()).append(',');
        field(sb, "establishedOn", e.establishedOn()).append(',');
        sb.append("\"registeredCapitalYuan\":").append(e.registeredCapitalYuan()).append(',');
        field(sb, "profile", e.profile()).append(',');
        records(sb, e.records()).append(",\"listEntries\":[");
        for (int i = 0; i < e.listEntries().size(); i++) {
            GeneratedListEntry l = e.listEntries().get(i);
            sb.append(i == 0 ? "{" : ",{");
            field(sb, "entryId", l.entryId()).append(',');
            field(sb, "listType", l.listType()).append(',');
            field(sb, "listedOn", l.listedOn()).append(',');
            field(sb, "expiresOn", l.expiresOn()).append(',');
            field(sb, "legalBasis", l.legalBasis()).append('}');
        }
        return sb.append("]}");
    }

    static StringBuilder person(StringBuilder sb, GeneratedPerson p) {
        sb.append('{');
        field(sb, "identityNumber", p.identityNumber()).append(',');
        field(sb, "name", p.name()).append(',');
        field(sb, "regionCode", p.regionCode()).append(",\"keyGroups\":[");
        for (int i = 0; i < p.keyGroups().size(); i++) {
            string(sb.append(i == 0 ? "" : ","), p.keyGroups().get(i));
        }
        sb.append("],");
        return records(sb, p.records()).append('}');
    }

    private static StringBuilder records(StringBuilder sb, List<GeneratedRecord> records) {
        sb.append("\"records\":[");
        for (int i = 0; i < records.size(); i++) {
            GeneratedRecord r = records.get(i);
            sb.append(i == 0 ? "{" : ",{");
            field(sb, "recordId", r.recordId()).append(',');
            field(sb, "category", r.category()).append(',');
            field(sb, "severity", r.severity()).append(',');
            field(sb, "polarity", r.polarity()).append(',');
            field(sb, "department", r.department()).append(',');
            field(sb, "decisionDate", r.decisionDate()).append(',');
            field(sb, "publicityEnds", r.publicityEnds());
            if (r.outcome() != null) {
                field(sb.append(','), "outcome", r.outcome());
            }
            sb.append('}');
        }
        return sb.append(']');
    }

    private static StringBuilder field(StringBuilder sb, String name, Object value) {
        sb.append('"').append(name).append("\":");
        if (value == null) {
            return sb.append("null");
        }
        return string(sb, value instanceof LocalDate d ? d.toString() : value.toString());
    }

    static StringBuilder string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }
}
