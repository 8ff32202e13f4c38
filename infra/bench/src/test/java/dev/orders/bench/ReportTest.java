package dev.orders.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReportTest {

    private Report sample() {
        LatencyStats latency = new LatencyStats();
        for (int ms = 1; ms <= 100; ms++) {
            latency.recordMillis(ms);
        }
        Map<String, Object> orders = new LinkedHashMap<>();
        orders.put("acceptedPerSecond", 199.5);
        orders.put("postLatency", latency.summary().toMap());
        orders.put("postToConfirmedOverSse", LatencyStats.Summary.EMPTY.toMap());
        orders.put("postErrors", Map.of("HTTP 503", 2L));
        orders.put("outcomes", Map.of("rejectedByReason", Map.of("PAYMENT_DECLINED", 10L)));
        Invariants invariants = new Invariants();
        invariants.record("stock never negative", true, "1000 products checked");
        invariants.record("every order settled", false, "3 not settled");
        invariants.skipped("reservations", "no JDBC connection");
        Report report = new Report();
        report.put("orders", orders);
        report.put("invariants", invariants.figures());
        report.put("kafka", Map.of("status", "not measured"));
        return report;
    }

    @Test
    void jsonHoldsTheSameFiguresAsTheTable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nested/results.json");
        sample().writeJson(file);
        JsonNode json = JsonMapper.builder().build().readTree(Files.readString(file));
        assertThat(json.path("orders").path("acceptedPerSecond").asDouble()).isEqualTo(199.5);
        assertThat(json.path("orders").path("postLatency").path("count").asLong()).isEqualTo(100);
        assertThat(json.path("orders").path("postLatency").path("p50Ms").asDouble()).isBetween(49.9, 50.1);
        assertThat(json.path("orders").path("postToConfirmedOverSse").path("count").asLong()).isZero();
        assertThat(json.path("invariants").path("violations").asInt()).isEqualTo(1);
        assertThat(json.path("invariants").path("checks")).hasSize(3);
        assertThat(json.path("invariants").path("checks").get(2).path("ok").isNull()).isTrue();
        assertThat(json.path("kafka").path("status").asString()).isEqualTo("not measured");
    }

    @Test
    void tablePrintsLatenciesOnOneLineAndMarksChecks() {
        String table = sample().table();
        assertThat(table).contains("== orders ==", "== invariants ==", "== kafka ==");
        assertThat(table).containsPattern("acceptedPerSecond \\.+ 199\\.50");
        assertThat(table).containsPattern("postLatency \\.+ p50 50\\.0  p95 95\\.0  p99 99\\.0  max 100 ms  \\(n=100\\)");
        assertThat(table).containsPattern("postToConfirmedOverSse \\.+ no samples");
        assertThat(table).containsPattern("postErrors \\.+ \\{HTTP 503=2\\}");
        assertThat(table).contains("[ OK ] stock never negative: 1000 products checked");
        assertThat(table).contains("[FAIL] every order settled: 3 not settled");
        assertThat(table).contains("[SKIP] reservations: skipped: no JDBC connection");
        assertThat(List.of(table.split("\n"))).noneMatch(line -> line.contains("null"));
    }
}
