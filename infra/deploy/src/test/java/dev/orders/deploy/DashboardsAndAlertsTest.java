package dev.orders.deploy;

import static dev.orders.deploy.Nodes.list;
import static dev.orders.deploy.Nodes.map;
import static dev.orders.deploy.Nodes.maps;
import static dev.orders.deploy.Nodes.string;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboards and the Prometheus alert rules use only metrics the application exports: every name in
 * their queries is a family of {@code exported-metrics.txt} (which MetricsIT in infra/app checks against a live
 * scrape), so neither can drift from the code. The rules are complete and compose's Prometheus loads them.
 */
class DashboardsAndAlertsTest {

    private static final Path EXPORTED = DeployFiles.MODULE.resolve("exported-metrics.txt");
    private static final Path DASHBOARDS = DeployFiles.MODULE.resolve("dashboards");
    private static final Path ALERTS = DeployFiles.MODULE.resolve("alerts");
    private static final List<String> SERIES_OF_A_HISTOGRAM = List.of("_bucket", "_count", "_sum");

    @Test
    void dashboardQueriesUseOnlyExportedMetrics() throws IOException {
        Map<String, String> queries = dashboardQueries();
        assertThat(queries).isNotEmpty();
        queries.forEach((where, expr) -> {
            Set<String> names = PromQl.metricNames(expr);
            assertThat(names).as("metrics of %s: %s", where, expr).isNotEmpty();
            assertThat(names).as("%s: %s", where, expr).allSatisfy(name -> assertThat(isExported(name))
                    .as("%s is in exported-metrics.txt", name).isTrue());
        });
    }

    @Test
    void everyOrdersMetricIsOnADashboard() throws IOException {
        Set<String> shown = dashboardQueries().values().stream().flatMap(expr -> PromQl.metricNames(expr).stream())
                .map(DashboardsAndAlertsTest::family).collect(Collectors.toSet());
        List<String> ours = exported().stream().filter(name -> name.startsWith("orders_")
                && !name.endsWith("_max") && !name.equals("orders_readiness")).toList();
        assertThat(shown).containsAll(ours);
    }

    @Test
    void everyAlertRuleIsCompleteAndUsesOnlyExportedMetrics() {
        List<Map<String, Object>> rules = alertRules();
        assertThat(rules).isNotEmpty();
        Set<String> names = new TreeSet<>();
        for (Map<String, Object> rule : rules) {
            String alert = string(rule, "alert");
            assertThat(names.add(alert)).as("alert %s is defined once", alert).isTrue();
            assertThat(alert).matches("Orders[A-Za-z]+");
            assertThat(string(map(rule, "labels"), "severity")).as(alert).isIn("warning", "critical");
            assertThat(string(map(rule, "annotations"), "summary")).as(alert).isNotBlank();
            assertThat(string(map(rule, "annotations"), "description")).as(alert).isNotBlank();
            if (rule.containsKey("for")) {
                assertThat(string(rule, "for")).as(alert).matches("\\d+[smh]");
            }
            String expr = string(rule, "expr");
            Set<String> metrics = PromQl.metricNames(expr);
            assertThat(metrics).as("metrics of %s", alert).isNotEmpty()
                    .allSatisfy(name -> assertThat(isExported(name))
                            .as("%s (in %s) is in exported-metrics.txt", name, alert).isTrue());
        }
    }

    @Test
    void alertsWatchReadinessLagStallsDeadLettersSagasKafkaBreakersAndThePaymentProvider() {
        Set<String> watched = alertRules().stream().flatMap(rule -> PromQl.metricNames(string(rule, "expr")).stream())
                .map(DashboardsAndAlertsTest::family).collect(Collectors.toSet());
        assertThat(watched).contains("orders_readiness", "orders_processor_lag", "orders_processor_position",
                "orders_deadletters", "orders_sagas_oldest_age_seconds", "orders_kafka_publish_lag_seconds",
                "resilience4j_circuitbreaker_state", "orders_payment_provider_requests_seconds",
                "http_server_requests_seconds");
    }

    @Test
    void composePrometheusLoadsTheAlertRules() {
        Map<String, Object> prometheus = DeployFiles.yamlDocument(DeployFiles.COMPOSE.resolve(
                "prometheus/prometheus.yml"));
        assertThat(list(prometheus, "rule_files")).containsExactly("/etc/prometheus/rules/*.yml");
        Map<String, Object> compose = DeployFiles.yamlDocument(DeployFiles.COMPOSE.resolve("compose.yaml"));
        assertThat(list(map(map(compose, "services"), "prometheus"), "volumes"))
                .contains("../alerts:/etc/prometheus/rules:ro");
    }

    private static boolean isExported(String name) {
        return exported().contains(name) || exported().contains(family(name));
    }

    /** The family a series belongs to: a histogram's {@code _bucket}, {@code _count} and {@code _sum} are its own. */
    private static String family(String name) {
        for (String suffix : SERIES_OF_A_HISTOGRAM) {
            String family = name.substring(0, Math.max(0, name.length() - suffix.length()));
            if (name.endsWith(suffix) && exported().contains(family)) {
                return family;
            }
        }
        return name;
    }

    private static List<String> exported() {
        return DeployFiles.read(EXPORTED).lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.split("\\s+")[0]).toList();
    }

    /** Every query of every panel of every dashboard, keyed by where it is. */
    private static Map<String, String> dashboardQueries() throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonObject dashboard = JsonParser.parseString(DeployFiles.read(file)).getAsJsonObject();
                for (JsonElement panel : dashboard.getAsJsonArray("panels")) {
                    JsonObject fields = panel.getAsJsonObject();
                    String title = fields.get("title").getAsString();
                    assertThat(fields.has("targets")).as("%s: %s has queries", file.getFileName(), title).isTrue();
                    for (JsonElement target : fields.getAsJsonArray("targets")) {
                        JsonObject query = target.getAsJsonObject();
                        queries.put(file.getFileName() + " / " + title + " / " + query.get("refId").getAsString(),
                                query.get("expr").getAsString());
                    }
                }
            }
        }
        return queries;
    }

    private static List<Map<String, Object>> alertRules() {
        List<Map<String, Object>> rules = new ArrayList<>();
        try (Stream<Path> files = Files.list(ALERTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                for (Map<String, Object> group : maps(DeployFiles.yamlDocument(file), "groups")) {
                    assertThat(string(group, "name")).isNotBlank();
                    rules.addAll(maps(group, "rules"));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return rules;
    }
}
