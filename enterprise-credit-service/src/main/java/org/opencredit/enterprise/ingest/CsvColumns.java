package org.opencredit.enterprise.ingest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVRecord;
import org.opencredit.enterprise.record.FieldError;
import org.opencredit.enterprise.record.LicenceFields;
import org.opencredit.enterprise.record.PenaltyFields;
import org.opencredit.enterprise.record.RecordSubmission;

/**
 * How the columns of a department's CSV export map to a submission. Three layouts are recognised
 * by their header: the national double-publicity penalty fields and licence fields (Chinese column
 * names, amounts in units of 10,000 yuan), and the platform's own English field names.
 */
final class CsvColumns {

    enum Layout { PENALTY, LICENCE, GENERIC }

    static final String P_NAME = "行政相对人名称";
    static final String P_USCC = "统一社会信用代码";
    static final String P_DOCUMENT = "行政处罚决定书文号";
    static final String L_DOCUMENT = "行政许可决定文书号";
    static final String SEVERITY = "严重程度";
    static final List<String> PENALTY_REQUIRED = List.of(P_NAME, P_USCC, P_DOCUMENT, "违法行为类型", "处罚类别", "处罚内容",
            "处罚决定日期", "处罚机关");
    static final List<String> LICENCE_REQUIRED = List.of(P_NAME, P_USCC, "行政许可决定文书名称", L_DOCUMENT, "许可类别", "许可内容",
            "许可决定日期", "有效期自", "许可机关");
    static final List<String> GENERIC_REQUIRED = List.of("category", "departmentRecordId", "uscc", "subjectName", "decisionDate");
    static final Set<String> GENERIC_KNOWN = Set.of("category", "severity", "departmentRecordId", "uscc", "subjectName",
            "decisionDate", "publicityEndDate");
    private static final BigDecimal TEN_THOUSAND = new BigDecimal("10000");
    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("yyyy/M/d"), DateTimeFormatter.BASIC_ISO_DATE, DateTimeFormatter.ofPattern("yyyy.M.d"));

    final Layout layout;
    private final String defaultCategory;
    private final String defaultSeverity;
    private final List<String> headers;

    private CsvColumns(Layout layout, List<String> headers, String defaultCategory, String defaultSeverity) {
        this.layout = layout;
        this.headers = headers;
        this.defaultCategory = defaultCategory;
        this.defaultSeverity = defaultSeverity;
    }

    /** Recognises the layout from the header, or says which required columns are missing. */
    static CsvColumns of(List<String> header, String category, String severity) {
        List<String> names = header.stream().map(h -> h.replace("\uFEFF", "").trim()).toList();
        if (names.contains(P_DOCUMENT)) {
            requireAll(names, PENALTY_REQUIRED, "penalty");
            return new CsvColumns(Layout.PENALTY, names, category == null ? "ADMIN_PENALTY" : category, severity);
        }
        if (names.contains(L_DOCUMENT)) {
            requireAll(names, LICENCE_REQUIRED, "licence");
            return new CsvColumns(Layout.LICENCE, names, category == null ? "ADMIN_LICENCE" : category, severity);
        }
        if (names.contains("category") || category != null) {
            requireAll(names, category == null ? GENERIC_REQUIRED : GENERIC_REQUIRED.subList(1, GENERIC_REQUIRED.size()), "generic");
            return new CsvColumns(Layout.GENERIC, names, category, severity);
        }
        throw new IllegalArgumentException("the header names no known layout: a penalty file needs the column " + P_DOCUMENT
                + ", a licence file " + L_DOCUMENT + ", any other file the columns " + String.join(", ", GENERIC_REQUIRED));
    }

    private static void requireAll(List<String> names, List<String> required, String layout) {
        List<String> missing = required.stream().filter(r -> !names.contains(r)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the " + layout + " file lacks the column(s) " + String.join(", ", missing));
        }
    }

    /** Columns this layout does not read; reported so that a department sees what was ignored. */
    List<String> ignoredColumns() {
        Set<String> read = switch (layout) {
            case PENALTY -> Set.of(P_NAME, "行政相对人类别", P_USCC, "法定代表人", P_DOCUMENT, "违法行为类型", "违法事实", "处罚依据",
                    "处罚类别", "处罚内容", "罚款金额（万元）", "没收违法所得、没收非法财物的金额（万元）", "暂扣或吊销证照名称及编号", "处罚决定日期",
                    "处罚有效期", "公示截止期", "处罚机关", "处罚机关统一社会信用代码", "数据来源单位", "数据来源单位统一社会信用代码", "备注", SEVERITY);
            case LICENCE -> Set.of(P_NAME, "行政相对人类别", P_USCC, "法定代表人", "行政许可决定文书名称", L_DOCUMENT, "许可类别",
                    "许可证书名称", "许可编号", "许可内容", "许可决定日期", "有效期自", "有效期至", "许可机关", "许可机关统一社会信用代码", "当前状态",
                    "数据来源单位", "数据来源单位统一社会信用代码", "备注");
            case GENERIC -> Set.of();
        };
        return layout == Layout.GENERIC ? List.of() : headers.stream().filter(h -> !read.contains(h)).toList();
    }

    ParsedLine read(long line, CSVRecord row) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> v = new LinkedHashMap<>();
        for (int i = 0; i < headers.size() && i < row.size(); i++) {
            String value = row.get(i).trim();
            v.put(headers.get(i), value.isEmpty() ? null : value);
        }
        if (row.size() != headers.size()) {
            return ParsedLine.unreadable(line, "line", "has " + row.size() + " columns but the header has " + headers.size()
                    + "; check for an unquoted comma");
        }
        RecordSubmission submission = switch (layout) {
            case PENALTY -> new RecordSubmission(defaultCategory, severity(v.get(SEVERITY)), v.get(P_DOCUMENT), v.get(P_USCC),
                    v.get(P_NAME), date(v, "处罚决定日期", "decisionDate", errors), date(v, "公示截止期", "publicityEndDate", errors),
                    new PenaltyFields(v.get(P_DOCUMENT), v.get("违法行为类型"), v.get("违法事实"), v.get("处罚依据"), v.get("处罚类别"),
                            v.get("处罚内容"), tenThousandYuan(v, "罚款金额（万元）", "penalty.fineAmount", errors),
                            tenThousandYuan(v, "没收违法所得、没收非法财物的金额（万元）", "penalty.confiscatedAmount", errors),
                            v.get("暂扣或吊销证照名称及编号"), date(v, "处罚有效期", "penalty.penaltyValidUntil", errors), v.get("处罚机关"),
                            v.get("处罚机关统一社会信用代码"), v.get("数据来源单位"), v.get("数据来源单位统一社会信用代码"), v.get("备注")),
                    null, null);
            case LICENCE -> new RecordSubmission(defaultCategory, defaultSeverity, v.get(L_DOCUMENT), v.get(P_USCC), v.get(P_NAME),
                    date(v, "许可决定日期", "decisionDate", errors), null, null,
                    new LicenceFields(v.get("行政许可决定文书名称"), v.get(L_DOCUMENT), licenceCategory(v.get("许可类别"), errors),
                            v.get("许可证书名称"), v.get("许可编号"), v.get("许可内容"), date(v, "有效期自", "licence.validFrom", errors),
                            date(v, "有效期至", "licence.validTo", errors), v.get("许可机关"), v.get("许可机关统一社会信用代码"), v.get("当前状态")),
                    null);
            case GENERIC -> {
                Map<String, Object> details = new LinkedHashMap<>();
                v.forEach((k, value) -> {
                    if (!GENERIC_KNOWN.contains(k) && value != null) {
                        details.put(k, value);
                    }
                });
                yield new RecordSubmission(v.get("category") != null ? v.get("category") : defaultCategory,
                        v.get("severity") == null ? defaultSeverity : v.get("severity"), v.get("departmentRecordId"), v.get("uscc"),
                        v.get("subjectName"), date(v, "decisionDate", "decisionDate", errors),
                        date(v, "publicityEndDate", "publicityEndDate", errors), null, null, details.isEmpty() ? null : details);
            }
        };
        return errors.isEmpty() ? ParsedLine.ok(line, submission) : new ParsedLine(line, null, List.copyOf(errors));
    }

    private String severity(String value) {
        if (value == null) {
            return defaultSeverity;
        }
        return switch (value) {
            case "轻微" -> "MINOR";
            case "一般" -> "GENERAL";
            case "严重" -> "SERIOUS";
            default -> value;
        };
    }

    private static LocalDate date(Map<String, String> v, String column, String field, List<FieldError> errors) {
        String value = v.get(column);
        if (value == null) {
            return null;
        }
        for (DateTimeFormatter f : DATES) {
            try {
                return LocalDate.parse(value, f);
            } catch (DateTimeParseException ignored) {
                // try the next format departments use
            }
        }
        errors.add(new FieldError(field, "'" + value + "' in column " + column + " is not a date (yyyy-MM-dd, yyyy/M/d or yyyyMMdd)"));
        return null;
    }

    private static BigDecimal tenThousandYuan(Map<String, String> v, String column, String field, List<FieldError> errors) {
        String value = v.get(column);
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value.replace(",", "")).multiply(TEN_THOUSAND).stripTrailingZeros();
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "'" + value + "' in column " + column + " is not an amount in units of 10,000 yuan"));
            return null;
        }
    }

    private static LicenceFields.LicenceCategory licenceCategory(String value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "普通" -> LicenceFields.LicenceCategory.ORDINARY;
            case "特许" -> LicenceFields.LicenceCategory.SPECIAL;
            case "认可" -> LicenceFields.LicenceCategory.APPROVAL;
            case "核准" -> LicenceFields.LicenceCategory.VERIFICATION;
            case "登记" -> LicenceFields.LicenceCategory.REGISTRATION;
            case "其他" -> LicenceFields.LicenceCategory.OTHER;
            default -> {
                try {
                    yield LicenceFields.LicenceCategory.valueOf(value);
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("licence.licenceCategory", "'" + value + "' is not a licence category (普通, 特许, 认可, 核准, 登记, 其他)"));
                    yield null;
                }
            }
        };
    }
}
