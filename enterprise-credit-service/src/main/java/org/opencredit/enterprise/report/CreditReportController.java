package org.opencredit.enterprise.report;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.opencredit.enterprise.record.CreditRecord;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "Credit report", description = "The enterprise credit report a procurement office opens for a bidder")
class CreditReportController {

    private final CreditReportAssembler assembler;
    private final tools.jackson.databind.json.JsonMapper json;
    /** The serialised form of each subject's current report; reused while the assembler returns the same report. */
    private final java.util.Map<String, Serialised> serialised = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, Serialised> eldest) {
                    return size() > 2_000;
                }
            });

    private record Serialised(CreditReport report, byte[] bytes) {
    }

    CreditReportController(CreditReportAssembler assembler, tools.jackson.databind.json.JsonMapper json) {
        this.assembler = assembler;
        this.json = json;
    }

    @GetMapping(path = "/api/v1/enterprises/{uscc}/report", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Enterprise credit report",
            description = "Profile, records in publicity grouped by category and polarity, current rating, list entries in force. "
                    + "Answered from this service's own data, so it works while rating-service or blacklist-service is down. "
                    + "Ask with Accept: text/html for a printable page.")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", content = @io.swagger.v3.oas.annotations.media.Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = CreditReport.class)))
    Mono<org.springframework.http.ResponseEntity<byte[]>> report(@PathVariable String uscc) {
        return assembler.report(uscc).map(report -> {
            Serialised known = serialised.get(report.uscc());
            byte[] bytes;
            if (known != null && known.report() == report) {
                bytes = known.bytes();
            } else {
                bytes = json.writeValueAsBytes(report);
                serialised.put(report.uscc(), new Serialised(report, bytes));
            }
            return org.springframework.http.ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(bytes);
        });
    }

    @GetMapping(path = "/api/v1/enterprises/{uscc}/report", produces = MediaType.TEXT_HTML_VALUE)
    Mono<String> printable(@PathVariable String uscc) {
        return assembler.report(uscc).map(CreditReportController::html);
    }

    static String html(CreditReport r) {
        StringBuilder b = new StringBuilder(8192);
        b.append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>企业信用报告 ")
                .append(e(r.name())).append("</title><style>body{font-family:sans-serif;margin:2em;max-width:60em}"
                        + "table{border-collapse:collapse;width:100%;margin-bottom:1em}td,th{border:1px solid #999;padding:.3em;text-align:left}"
                        + "h2{border-bottom:2px solid #333}.neg{color:#a00}.pos{color:#070}@media print{body{margin:0}}</style></head><body>");
        b.append("<h1>企业信用报告 Enterprise credit report</h1>");
        b.append("<p><b>").append(e(r.name())).append("</b> — 统一社会信用代码 ").append(e(r.uscc())).append("</p>");
        if (r.subject() != null) {
            b.append("<p>").append(e(r.subject().authorityName())).append(" · ").append(e(r.subject().entityKind()))
                    .append(" · 区划 ").append(e(r.subject().regionCode()));
            if (r.subject().legalRepresentative() != null) {
                b.append(" · 法定代表人 ").append(e(r.subject().legalRepresentative()));
            }
            b.append("</p>");
        }
        b.append("<h2>信用评级 Rating</h2><p>").append(r.rating() == null ? "尚未评级 not yet rated"
                : e(r.rating().grade()) + " (" + r.rating().score() + ", model " + e(r.rating().modelVersion()) + ")").append("</p>");
        b.append("<h2>名单 List entries</h2>");
        if (r.listEntries().isEmpty()) {
            b.append("<p>无 none</p>");
        } else {
            b.append("<table><tr><th>名单</th><th>列入日期</th><th>届满日期</th><th>依据</th><th>措施</th></tr>");
            for (CreditReport.ListEntry l : r.listEntries()) {
                b.append("<tr><td>").append(e(l.listName())).append("</td><td>").append(e(String.valueOf(l.listedOn())))
                        .append("</td><td>").append(e(String.valueOf(l.expiresOn()))).append("</td><td>").append(e(l.legalBasis()))
                        .append("</td><td>").append(e(String.join(", ", l.measures()))).append("</td></tr>");
            }
            b.append("</table>");
        }
        section(b, "失信信息 Negative records", "neg", r.negative());
        section(b, "守信信息 Positive records", "pos", r.positive());
        section(b, "其他信息 Other records", "", r.neutral());
        b.append("<p><small>生成时间 Generated ").append(e(r.generatedAt().toString())).append(" · catalogue ")
                .append(e(r.catalogueVersion())).append("</small></p></body></html>");
        return b.toString();
    }

    private static void section(StringBuilder b, String title, String css, List<CreditReport.CategoryGroup> groups) {
        b.append("<h2 class=\"").append(css).append("\">").append(title).append("</h2>");
        if (groups.isEmpty()) {
            b.append("<p>无 none</p>");
            return;
        }
        for (CreditReport.CategoryGroup g : groups) {
            b.append("<h3>").append(e(g.categoryName())).append(" (").append(g.count()).append(")</h3>")
                    .append("<table><tr><th>决定日期</th><th>文号</th><th>内容</th><th>部门</th><th>公示截止</th></tr>");
            for (CreditRecord rec : g.records()) {
                String content = rec.penalty() != null ? rec.penalty().penaltyContent()
                        : rec.licence() != null ? rec.licence().content()
                        : rec.details() == null ? "" : String.valueOf(rec.details().get("summary"));
                b.append("<tr><td>").append(e(rec.decisionDate().toString())).append("</td><td>").append(e(rec.departmentRecordId()))
                        .append("</td><td>").append(e(content)).append("</td><td>").append(e(rec.department()))
                        .append("</td><td>").append(e(rec.publicityEnds().toString())).append("</td></tr>");
            }
            b.append("</table>");
        }
    }

    private static String e(String s) {
        return s == null ? "" : HtmlUtils.htmlEscape(s);
    }
}
