package org.opencredit.contracts.identifier;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Position 1 of a USCC (GB 32100-2015 table 1) and the entity kinds position 2 may name for it.
 */
public enum RegistrationAuthority {
    ORGANISATION_ESTABLISHMENT('1', "机构编制", Map.of('1', "government body", '2', "public institution",
            '3', "mass organisation under central establishment", '9', "other")),
    FOREIGN_AFFAIRS('2', "外交", Map.of('1', "foreign resident office", '9', "other")),
    JUDICIAL_ADMINISTRATION('3', "司法行政", Map.of('1', "law firm", '2', "notary office",
            '3', "judicial appraisal institution", '4', "arbitration commission", '9', "other")),
    CULTURE('4', "文化", Map.of('1', "foreign cultural centre", '9', "other")),
    CIVIL_AFFAIRS('5', "民政", Map.of('1', "social organisation", '2', "private non-enterprise unit",
            '3', "foundation", '9', "other")),
    TOURISM('6', "旅游", Map.of('1', "foreign tourism office", '2', "regional tourism office", '9', "other")),
    RELIGIOUS_AFFAIRS('7', "宗教", Map.of('1', "religious venue", '2', "religious college", '9', "other")),
    TRADE_UNION('8', "工会", Map.of('1', "trade union", '9', "other")),
    MARKET_REGULATION('9', "工商/市场监管", Map.of('1', "enterprise", '2', "individual business",
            '3', "farmers' co-operative")),
    CENTRAL_MILITARY('A', "中央军委改革和编制办公室", Map.of('1', "military institution", '9', "other")),
    AGRICULTURE('N', "农业", Map.of('1', "group-level collective economic organisation",
            '2', "village-level collective economic organisation",
            '3', "township-level collective economic organisation", '9', "other")),
    OTHER('Y', "其他", Map.of('1', "other"));

    private final char code;
    private final String chineseName;
    private final Map<Character, String> entityKinds;

    RegistrationAuthority(char code, String chineseName, Map<Character, String> entityKinds) {
        this.code = code;
        this.chineseName = chineseName;
        this.entityKinds = entityKinds;
    }

    public char code() {
        return code;
    }

    public String chineseName() {
        return chineseName;
    }

    /** The entity kind named by position 2, if this authority defines it. */
    public Optional<String> entityKind(char position2) {
        return Optional.ofNullable(entityKinds.get(position2));
    }

    String allowedKindCodes() {
        return entityKinds.keySet().stream().sorted().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("");
    }

    public static Optional<RegistrationAuthority> of(char code) {
        return Arrays.stream(values()).filter(a -> a.code == code).findFirst();
    }

    static String allowedCodes() {
        return Arrays.stream(values()).map(a -> String.valueOf(a.code)).reduce((a, b) -> a + ", " + b).orElse("");
    }
}
