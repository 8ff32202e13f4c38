package dev.orders.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The suite's table on stdout and the same figures, with every check, as JSON. */
final class Report {

    private Report() {
    }

    static String table(List<ScenarioResult> results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-11s | %7s | %5s | %-70s | %10s | %8s%n", "scenario", "orders", "kills",
                "faults injected", "violations", "duration"));
        out.append("-".repeat(127)).append('\n');
        for (ScenarioResult r : results) {
            String faults = r.error() != null ? "COULD NOT RUN: " + r.error() : String.join("; ", r.faults());
            out.append(String.format("%-11s | %7d | %5d | %-70s | %10s | %7ds%n", r.name(), r.orders(), r.kills(),
                    faults.length() > 70 ? faults.substring(0, 69) + "…" : faults,
                    r.error() != null ? "-" : String.valueOf(r.violations()), r.duration().toSeconds()));
        }
        for (ScenarioResult r : results) {
            for (Check check : r.checks()) {
                if (check.violations() > 0) {
                    out.append("VIOLATION ").append(r.name()).append(": ").append(check).append('\n');
                }
            }
        }
        return out.toString();
    }

    static void writeJson(Path file, String form, List<ScenarioResult> results) throws IOException {
        List<Map<String, Object>> scenarios = new ArrayList<>();
        for (ScenarioResult r : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("scenario", r.name());
            row.put("orders", r.orders());
            row.put("kills", r.kills());
            row.put("faults", r.faults());
            row.put("violations", r.violations());
            row.put("seconds", r.duration().toSeconds());
            row.put("error", r.error());
            row.put("figures", r.figures());
            List<Map<String, Object>> checks = new ArrayList<>();
            for (Check check : r.checks()) {
                checks.add(Map.of("check", check.name(), "checked", check.checked(), "violations",
                        check.violations(), "examples", check.examples()));
            }
            row.put("checks", checks);
            scenarios.add(row);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("form", form);
        report.put("scenarios", scenarios);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
    }
}
