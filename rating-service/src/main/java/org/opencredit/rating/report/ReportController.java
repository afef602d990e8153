package org.opencredit.rating.report;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.opencredit.chassis.problem.ProblemException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "Regional credit report", description = "For the credit office: grades by region and industry, lists, indicators, trends")
class ReportController {

    private final ReportService reports;

    ReportController(ReportService reports) {
        this.reports = reports;
    }

    @GetMapping(path = "/api/v1/reports/regional", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    @Operation(summary = "Regional credit report (JSON, or CSV with Accept: text/csv or format=csv)",
            description = "region: a GB/T 2260 prefix of 2, 4 or 6 digits (default: the whole province). from/to bound the trend "
                    + "(default: the last 12 months). Needs ratings:admin.")
    Mono<ResponseEntity<?>> regional(@RequestParam(required = false) String region,
                                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                     @RequestParam(required = false) @Parameter(description = "csv or json") String format,
                                     @org.springframework.web.bind.annotation.RequestHeader(value = "Accept", required = false) String accept) {
        if (region != null && !region.matches("\\d{2}|\\d{4}|\\d{6}")) {
            return Mono.error(ProblemException.badRequest("invalid-region", "Invalid region",
                    "region must be a GB/T 2260 prefix of 2, 4 or 6 digits, e.g. 33 (province), 3301 (city) or 330106 (county); got '"
                            + region + "'"));
        }
        if (format != null && !format.equals("csv") && !format.equals("json")) {
            return Mono.error(ProblemException.badRequest("invalid-format", "Invalid format", "format must be csv or json"));
        }
        LocalDate end = to != null ? to : LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        LocalDate start = from != null ? from : end.minusMonths(12);
        if (start.isAfter(end)) {
            return Mono.error(ProblemException.badRequest("invalid-period", "Invalid period", "from " + start + " is after to " + end));
        }
        boolean csv = "csv".equals(format) || (format == null && accept != null && accept.contains("text/csv"));
        return reports.report(region, start, end).map(r -> csv
                ? ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                        .header("Content-Disposition", "attachment; filename=\"regional-report-" + (region == null ? "province" : region)
                                + "-" + r.asOf() + ".csv\"")
                        .body(ReportService.csv(r))
                : ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(r));
    }
}
