package dev.orders.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Projection lag while the load runs: once a second, how many events each Axon processor is behind the event
 * store's head (head − the lowest token position over its segments).
 */
final class LagSampler implements AutoCloseable {

    private final EventStoreProbe probe;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bench-lag-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Stats> stats = new TreeMap<>();
    private final java.util.List<Long> heads = new java.util.ArrayList<>();
    private volatile boolean recording;
    private volatile String lastError;

    LagSampler(EventStoreProbe probe) {
        this.probe = probe;
    }

    void start() {
        timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    /** Only samples taken while recording count; the sampler runs through warm-up so its first query is warm too. */
    void recording(boolean recording) {
        this.recording = recording;
    }

    /** Samples until every processor is at the head or the time is up; answers how long that took. */
    long awaitCaughtUp(long timeoutMillis) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(timeoutMillis)) {
            try {
                long head = probe.head();
                Map<String, Long> positions = probe.processorPositions();
                if (positions.values().stream().allMatch(position -> position >= head)) {
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                }
            } catch (Exception e) {
                lastError = e.toString();
                return -1;
            }
            Thread.sleep(100);
        }
        return -1;
    }

    private void sample() {
        try {
            long head = probe.head();
            Map<String, Long> positions = probe.processorPositions();
            if (!recording) {
                return;
            }
            synchronized (stats) {
                heads.add(head);
                positions.forEach((processor, position) ->
                        stats.computeIfAbsent(processor, name -> new Stats()).add(Math.max(0, head - position)));
            }
        } catch (Exception e) {
            lastError = e.toString();
        }
    }

    /** Per processor: max, mean and last lag in events. */
    Map<String, Object> figures() {
        Map<String, Object> figures = new LinkedHashMap<>();
        synchronized (stats) {
            stats.forEach((processor, s) -> {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("maxEvents", s.max);
                one.put("meanEvents", Math.round(10.0 * s.sum / Math.max(1, s.samples)) / 10.0);
                one.put("lastEvents", s.last);
                one.put("samples", s.samples);
                figures.put(processor, one);
            });
        }
        synchronized (stats) {
            java.util.List<Long> appended = new java.util.ArrayList<>();
            for (int i = 1; i < heads.size(); i++) {
                appended.add(heads.get(i) - heads.get(i - 1));
            }
            if (!appended.isEmpty()) {
                figures.put("eventsAppendedPerSecondTimeline", appended);
            }
        }
        if (lastError != null) {
            figures.put("error", lastError);
        }
        return figures;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private static final class Stats {
        long max;
        long sum;
        long last;
        long samples;

        void add(long lag) {
            max = Math.max(max, lag);
            sum += lag;
            last = lag;
            samples++;
        }
    }
}
