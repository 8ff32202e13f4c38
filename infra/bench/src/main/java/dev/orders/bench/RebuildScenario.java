package dev.orders.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Times a rebuild of the order view: {@code POST /api/v1/admin/projections/order-view/rebuild}, then polls
 * {@code GET /api/v1/admin/projections/order-view} until its {@code state} is DONE; both as the operator.
 */
final class RebuildScenario {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String PROJECTION = "/api/v1/admin/projections/order-view";

    private RebuildScenario() {
    }

    private static String startedAt(String body) {
        try {
            JsonNode status = JSON.readTree(body);
            String value = status.path("startedAt").asString("");
            return value.isEmpty() ? null : value;
        } catch (RuntimeException e) {
            return null;
        }
    }

    static Map<String, Object> run(HttpApi api, TokenSession operator, EventStoreProbe probe, String query,
                                   Duration timeout) throws InterruptedException {
        Map<String, Object> figures = new LinkedHashMap<>();
        Long events = null;
        if (probe != null) {
            try {
                events = probe.head();
                figures.put("eventStoreHead", events);
            } catch (Exception e) {
                figures.put("eventStoreHead", "not measured: " + e);
            }
        }
        long start = System.nanoTime();
        String path = PROJECTION + "/rebuild" + (query.isEmpty() ? "" : "?" + query);
        figures.put("request", "POST " + path);
        HttpApi.Response started = api.postJson(path, "{}", operator, Map.of()).block(Duration.ofMinutes(1));
        if (started == null) {
            figures.put("status", "failed: no answer to the rebuild request");
            return figures;
        }
        if (started.status() == 404 || started.status() == 405) {
            figures.put("status", "skipped: the server has no projection rebuild yet (HTTP " + started.status() + ")");
            return figures;
        }
        if (started.status() / 100 != 2) {
            figures.put("status", "failed: HTTP " + started.status() + " " + Catalogue.abbreviate(started.body()));
            return figures;
        }
        // A status left over from an earlier rebuild must not count as this one being done.
        String startedAt = startedAt(started.body());
        long deadline = start + timeout.toNanos();
        JsonNode last = null;
        String state = null;
        int polls = 0;
        while (System.nanoTime() < deadline) {
            HttpApi.Response progress = api.get(PROJECTION, operator).block(Duration.ofSeconds(30));
            if (progress != null && progress.status() == 200) {
                try {
                    last = JSON.readTree(progress.body());
                    state = last.path("state").asString("");
                    if (startedAt != null && !startedAt.equals(last.path("startedAt").asString(""))) {
                        state = "not yet started";
                    }
                } catch (RuntimeException e) {
                    state = "unreadable";
                }
                polls++;
                if ("DONE".equalsIgnoreCase(state) || "FAILED".equalsIgnoreCase(state)) {
                    break;
                }
            }
            Thread.sleep(200);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        figures.put("seconds", Math.round(seconds * 1000) / 1000.0);
        figures.put("lastStatus", last == null ? null : last.toString());
        if (!"DONE".equalsIgnoreCase(state)) {
            figures.put("status", "failed: state " + state + " after " + Math.round(seconds) + " s");
            return figures;
        }
        figures.put("status", "done");
        if (polls == 1) {
            // The first look already said DONE: the rebuild took at most this long (poll interval 200 ms).
            figures.put("doneAtFirstPoll", true);
        }
        if (last.has("events")) {
            long replayed = last.path("events").asLong();
            figures.put("eventsReplayed", replayed);
            figures.put("eventsPerSecond", Math.round(replayed / seconds));
        } else if (events != null && seconds > 0) {
            figures.put("eventsPerSecond", Math.round(events / seconds));
        }
        if (last.has("eventsPerSecond")) {
            figures.put("eventsPerSecondAsTheServerReports", last.path("eventsPerSecond").asDouble());
        }
        return figures;
    }
}
