package org.opencredit.personal.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.opencredit.chassis.problem.ProblemException;
import tools.jackson.databind.JsonNode;

/**
 * Fields the platform must never collect (religion, genes, fingerprints, blood type, disease or
 * medical history) and fields it may collect only with the person's written consent (income,
 * deposits, securities, insurance, real estate, tax amounts): Credit Reporting Industry Regulation
 * art. 14, DOMAIN §6. Field names are matched at any depth, normalised (case, separators), in
 * English and Chinese. A hit rejects the whole submission; the answer names the field, never its value.
 */
public final class ProhibitedFields {

    /** Name stems that are never collected, with what they are. */
    private static final Map<String, String> NEVER = Map.ofEntries(
            Map.entry("religio", "religion"), Map.entry("宗教", "religion"), Map.entry("信仰", "religion"),
            Map.entry("genetic", "genes"), Map.entry("genome", "genes"), Map.entry("基因", "genes"),
            Map.entry("fingerprint", "fingerprints"), Map.entry("指纹", "fingerprints"),
            Map.entry("bloodtype", "blood type"), Map.entry("bloodgroup", "blood type"), Map.entry("血型", "blood type"),
            Map.entry("disease", "disease"), Map.entry("illness", "disease"), Map.entry("diagnos", "disease"),
            Map.entry("疾病", "disease"), Map.entry("medical", "medical history"), Map.entry("病史", "medical history"),
            Map.entry("病历", "medical history"));
    /** Whole names (too short to match as stems without false hits such as "general"). */
    private static final Map<String, String> NEVER_EXACT = Map.of("gene", "genes", "genes", "genes", "dna", "genes",
            "health", "medical history", "healthcondition", "medical history");
    /** Name stems collected only with written consent. */
    private static final Map<String, String> WITH_CONSENT = Map.ofEntries(
            Map.entry("income", "income"), Map.entry("salary", "income"), Map.entry("收入", "income"), Map.entry("工资", "income"),
            Map.entry("deposit", "deposits"), Map.entry("存款", "deposits"), Map.entry("securit", "securities"),
            Map.entry("证券", "securities"), Map.entry("insurance", "insurance"), Map.entry("保险", "insurance"),
            Map.entry("realestate", "real estate"), Map.entry("不动产", "real estate"), Map.entry("房产", "real estate"),
            Map.entry("taxamount", "tax amounts"), Map.entry("taxpaid", "tax amounts"), Map.entry("纳税", "tax amounts"));
    /** The consent-bound fields a submission may carry (top level, with {@code consentReference}). */
    static final Set<String> CONSENTED_FIELDS = Set.of("income", "deposits", "securities", "insurance", "realEstate", "taxAmount");

    private ProhibitedFields() {
    }

    /** Fails with 400 naming every prohibited field, or every consent-bound field when no consent reference is given. */
    public static void check(JsonNode body) {
        List<String> never = new ArrayList<>();
        List<String> consentBound = new ArrayList<>();
        List<String> what = new ArrayList<>();
        walk(body, "", never, consentBound, what);
        if (!never.isEmpty()) {
            throw ProblemException.badRequest("prohibited-field", "Prohibited personal information",
                            "field " + String.join(", ", never) + " carries personal information the platform never collects ("
                                    + String.join(", ", what) + "; Credit Reporting Industry Regulation art. 14). Remove it and submit "
                                    + "again; nothing of this submission was stored")
                    .with("field", never.get(0)).with("fields", never);
        }
        JsonNode consent = body.get("consentReference");
        boolean consented = consent != null && consent.isString() && !consent.asString().isBlank();
        if (!consentBound.isEmpty() && !consented) {
            throw ProblemException.badRequest("consent-required-field", "Field needs written consent",
                            "field " + String.join(", ", consentBound) + " may be collected only with the person's written consent: "
                                    + "give its reference in consentReference, or remove the field; nothing of this submission was stored")
                    .with("field", consentBound.get(0)).with("fields", consentBound);
        }
    }

    private static void walk(JsonNode node, String path, List<String> never, List<String> consentBound, List<String> what) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String field = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                String n = normalise(e.getKey());
                String hit = NEVER_EXACT.get(n);
                if (hit == null) {
                    hit = NEVER.entrySet().stream().filter(x -> n.contains(x.getKey())).map(Map.Entry::getValue).findFirst().orElse(null);
                }
                if (hit != null) {
                    never.add(field);
                    if (!what.contains(hit)) {
                        what.add(hit);
                    }
                } else if (WITH_CONSENT.keySet().stream().anyMatch(n::contains)) {
                    consentBound.add(field);
                }
                walk(e.getValue(), field, never, consentBound, what);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", never, consentBound, what);
            }
        }
    }

    static String normalise(String key) {
        StringBuilder b = new StringBuilder();
        key.toLowerCase(Locale.ROOT).codePoints().filter(Character::isLetterOrDigit).forEach(b::appendCodePoint);
        return b.toString();
    }
}
