package org.opencredit.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The metric names that the Grafana dashboards and the Prometheus alert rules query, read from
 * the files in {@code observability/}, and the names a {@code /actuator/prometheus} page exports.
 */
final class MetricNames {

    private static final Set<String> PROMQL_WORDS = Set.of("sum", "min", "max", "avg", "count", "by", "without", "on", "ignoring",
            "group_left", "group_right", "and", "or", "unless", "bool", "offset", "inf", "nan", "le");
    /** Series Prometheus makes itself, not exported by an application. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up", "ALERTS", "ALERTS_FOR_STATE", "scrape_duration_seconds");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private MetricNames() {
    }

    /** Expression → where it is used, for every panel target of every dashboard. */
    static Map<String, String> dashboardExpressions(Path dashboards) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        JsonMapper json = JsonMapper.builder().build();
        try (Stream<Path> files = Files.list(dashboards)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dashboard = json.readTree(file.toFile());
                for (JsonNode panel : dashboard.path("panels")) {
                    for (JsonNode target : panel.path("targets")) {
                        out.put(target.path("expr").asString(), file.getFileName() + " / " + panel.path("title").asString());
                    }
                }
                for (JsonNode variable : dashboard.path("templating").path("list")) {
                    out.put(variable.path("definition").asString().replaceFirst("^label_values\\((.*),\\s*[a-z_]+\\)$", "$1"),
                            file.getFileName() + " / variable " + variable.path("name").asString());
                }
            }
        }
        return out;
    }

    /** Expression → alert name, for every rule file ({@code expr:} on one line or as a {@code |} block). */
    static Map<String, String> ruleExpressions(Path rules) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(rules)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".rules.yml")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                String alert = "?";
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    Matcher a = Pattern.compile("^\\s*- alert:\\s*(\\S+)").matcher(line);
                    if (a.find()) {
                        alert = a.group(1);
                    }
                    Matcher e = Pattern.compile("^(\\s*)expr:\\s*(.*)$").matcher(line);
                    if (!e.find()) {
                        continue;
                    }
                    String value = e.group(2).trim();
                    if (value.equals("|") || value.equals(">")) {
                        int indent = e.group(1).length();
                        StringBuilder block = new StringBuilder();
                        while (i + 1 < lines.size() && (lines.get(i + 1).isBlank()
                                || lines.get(i + 1).length() - lines.get(i + 1).stripLeading().length() > indent)) {
                            block.append(lines.get(++i).trim()).append(' ');
                        }
                        value = block.toString().trim();
                    }
                    out.put(value, file.getFileName() + " / " + alert);
                }
            }
        }
        return out;
    }

    /** The metric names a PromQL expression selects (functions, keywords, labels and strings left out). */
    static Set<String> inExpression(String promql) {
        String s = promql.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")  // strings
                .replaceAll("\\{[^}]*}", " ")                                  // label matchers
                .replaceAll("\\[[^]]*]", " ")                                  // ranges
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String word = m.group();
            int next = m.end();
            while (next < s.length() && s.charAt(next) == ' ') {
                next++;
            }
            boolean function = next < s.length() && s.charAt(next) == '(';
            boolean variable = m.start() > 0 && s.charAt(m.start() - 1) == '$';
            if (!function && !variable && !PROMQL_WORDS.contains(word) && !PROMETHEUS_OWN.contains(word)) {
                names.add(word);
            }
        }
        return names;
    }

    /** Metric names in a Prometheus text exposition page. */
    static Set<String> exported(String page) {
        Set<String> names = new TreeSet<>();
        for (String line : page.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }

    /**
     * The metric names of a Prometheus text exposition page that have a sample without the given
     * label with the given value (common tags are on every meter, so every sample carries them).
     */
    static Set<String> withoutLabel(String page, String label, String value) {
        Set<String> names = new TreeSet<>();
        String wanted = label + "=\"" + value + "\"";
        for (String line : page.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            boolean labelled = brace >= 0 && (space < 0 || brace < space);
            String labels = labelled ? line.substring(brace + 1, line.lastIndexOf('}')) : "";
            if (!(labels.startsWith(wanted) || labels.contains("," + wanted))) {
                names.add(line.substring(0, labelled ? brace : space));
            }
        }
        return names;
    }

    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"(?:[^\"\\\\]|\\\\.)*\"");

    /** Metric name → the label names its samples carry, over a Prometheus text exposition page. */
    static Map<String, Set<String>> exportedLabels(String page) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (String line : page.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            boolean labelled = brace >= 0 && (space < 0 || brace < space);
            Set<String> names = out.computeIfAbsent(line.substring(0, labelled ? brace : space), k -> new TreeSet<>());
            if (labelled) {
                Matcher m = MATCHER.matcher(line.substring(brace + 1, line.lastIndexOf('}')));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return out;
    }

    /**
     * The label matchers ({@code =} and {@code =~}) of the expressions that name a label the metric
     * does not carry: such a selector matches nothing, and its panel stays empty.
     */
    static List<String> missingLabels(Map<String, String> expressions, Map<String, Set<String>> labels) {
        List<String> missing = new ArrayList<>();
        expressions.forEach((expr, where) -> {
            Matcher selector = SELECTOR.matcher(expr.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " "));
            while (selector.find()) {
                Set<String> carried = labels.get(selector.group(1));
                if (carried == null) {
                    continue; // a missing metric is reported by missing()
                }
                Matcher m = MATCHER.matcher(selector.group(2));
                while (m.find()) {
                    if ((m.group(2).equals("=") || m.group(2).equals("=~")) && !carried.contains(m.group(1))) {
                        missing.add(selector.group(1) + "{" + m.group(1) + "}  (" + where + ")");
                    }
                }
            }
        });
        return missing;
    }

    static List<String> missing(Map<String, String> expressions, Set<String> exported) {
        List<String> missing = new ArrayList<>();
        expressions.forEach((expr, where) -> {
            for (String name : inExpression(expr)) {
                if (!exported.contains(name)) {
                    missing.add(name + "  (" + where + ")");
                }
            }
        });
        return missing;
    }
}
