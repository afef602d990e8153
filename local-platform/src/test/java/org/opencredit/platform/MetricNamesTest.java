package org.opencredit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class MetricNamesTest {

    @Test
    void findsTheMetricsOfAnExpressionButNotFunctionsLabelsOrVariables() {
        assertThat(MetricNames.inExpression(
                "histogram_quantile(0.95, sum by (routeId, le) (rate(spring_cloud_gateway_requests_seconds_bucket{region=~\"$region\", le=\"1.0\"}[5m])))"))
                .containsExactly("spring_cloud_gateway_requests_seconds_bucket");
        assertThat(MetricNames.inExpression("sum(rate(a_total{x=\"y\"}[1h])) / sum(rate(b_count[1h])) > (14.4 * 0.01) and up == 0"))
                .containsExactly("a_total", "b_count");
        assertThat(MetricNames.inExpression("max by (application) (opencredit_outbox_oldest_age_seconds) > 300"))
                .containsExactly("opencredit_outbox_oldest_age_seconds");
    }

    @Test
    void readsEveryDashboardPanelAndEveryAlertRule() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        var dashboards = MetricNames.dashboardExpressions(root.resolve("observability/grafana/dashboards"));
        var rules = MetricNames.ruleExpressions(root.resolve("observability/prometheus/rules"));
        assertThat(dashboards).hasSizeGreaterThan(20);
        assertThat(rules.values()).anyMatch(v -> v.endsWith("GatewayLatencySloBurn")).anyMatch(v -> v.endsWith("GatewayQuotaRedisDown"));
        assertThat(rules.keySet().stream().flatMap(e -> MetricNames.inExpression(e).stream()))
                .contains("opencredit_outbox_oldest_age_seconds", "kafka_consumer_fetch_manager_records_lag_max",
                        "opencredit_gateway_quota_redis_up");
    }

    @Test
    void namesTheMetricsWithASampleThatLacksACommonTag() {
        String page = """
                # HELP x_total help
                x_total{application="gateway",region="350000",route="a"} 1.0
                x_total{application="gateway",route="b"} 1.0
                y_seconds_bucket{le="1.0",application="gateway",region="350000"} 2
                z 3
                w{application="gateway",subregion="350000"} 4
                """;
        assertThat(MetricNames.withoutLabel(page, "region", "350000")).containsExactly("w", "x_total", "z");
        assertThat(MetricNames.withoutLabel(page, "application", "gateway")).containsExactly("z");
    }

    @Test
    void namesTheLabelMatchersOnLabelsAMetricDoesNotCarry() {
        var labels = MetricNames.exportedLabels("""
                # TYPE records_total counter
                records_total{application="a",department="TAX",timeliness="late",note="x{y}=\\"z\\""} 1.0
                up_like 1
                """);
        assertThat(labels.get("records_total")).containsExactly("application", "department", "note", "timeliness");
        assertThat(labels.get("up_like")).isEmpty();
        assertThat(MetricNames.missingLabels(java.util.Map.of(
                "sum by (department) (increase(records_total{application=~\"$service\", outcome=\"stored\", timeliness=\"late\"}[1d]))", "board / late",
                "sum(rate(records_total{department!=\"TAX\", channel!~\"x\"}[5m])) + count(absent_metric{a=\"b\"})", "board / negative"), labels))
                .containsExactly("records_total{outcome}  (board / late)");
    }

    @Test
    void readsTheNamesOfAnExpositionPage() {
        assertThat(MetricNames.exported("""
                # HELP x_total help
                # TYPE x_total counter
                x_total{a="b"} 1.0
                y_seconds_bucket{le="1.0"} 2
                z 3
                """)).containsExactly("x_total", "y_seconds_bucket", "z");
    }
}
