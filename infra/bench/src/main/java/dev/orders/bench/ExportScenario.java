package dev.orders.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Times the full event export, {@code GET /api/v1/events} (NDJSON, one event per line), as the operator. */
final class ExportScenario {

    private ExportScenario() {
    }

    static Map<String, Object> run(HttpApi api, TokenSession operator, EventStoreProbe probe, String query,
                                   Duration timeout) {
        Map<String, Object> figures = new LinkedHashMap<>();
        String path = "/api/v1/events" + (query.isEmpty() ? "" : "?" + query);
        figures.put("request", "GET " + path);
        Long eventsInStore = null;
        if (probe != null) {
            try {
                eventsInStore = probe.eventCount();
                figures.put("eventsInStore", eventsInStore);
            } catch (Exception e) {
                figures.put("eventsInStore", "not measured: " + e);
            }
        }
        AtomicLong bytes = new AtomicLong();
        AtomicLong lines = new AtomicLong();
        AtomicLong firstByte = new AtomicLong();
        long start = System.nanoTime();
        Integer status;
        try {
            status = api.stream(path, "application/x-ndjson", operator, bytes, lines, firstByte).block(timeout);
        } catch (AccessRefused e) {
            throw e;
        } catch (RuntimeException e) {
            figures.put("status", "failed: " + e);
            return figures;
        }
        long elapsed = System.nanoTime() - start;
        if (status == null) {
            figures.put("status", "failed: no answer");
            return figures;
        }
        if (status == 404) {
            figures.put("status", "skipped: the server has no event export yet (HTTP 404)");
            return figures;
        }
        if (status != 200) {
            figures.put("status", "failed: HTTP " + status);
            return figures;
        }
        double seconds = elapsed / 1e9;
        figures.put("status", "done");
        figures.put("eventsStreamed", lines.get());
        figures.put("megabytes", Math.round(bytes.get() / 1e4) / 100.0);
        figures.put("seconds", Math.round(seconds * 1000) / 1000.0);
        if (firstByte.get() > 0) {
            figures.put("millisToFirstByte", Math.round((firstByte.get() - start) / 1e5) / 10.0);
        }
        figures.put("eventsPerSecond", Math.round(lines.get() / seconds));
        figures.put("megabytesPerSecond", Math.round(bytes.get() / 1e4 / seconds) / 100.0);
        if (eventsInStore != null && query.isEmpty()) {
            figures.put("complete", lines.get() >= eventsInStore);
        }
        return figures;
    }
}
