package dev.orders.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The integration topic while the load runs: once a second the topic's end offsets (records published) and the
 * consumer group's committed offsets (its lag in records); after the load, how long until the topic holds a record
 * for every event appended to the event store; and, when the management port is known, the server's own
 * publish-lag timer over the measured window.
 */
final class KafkaSampler implements AutoCloseable {

    /** The Axon processor that publishes to the topic (IntegrationEventRelay's processing group). */
    static final String PUBLISHER = "kafka-publisher";

    static final String COMPARED = "records appended to the topic since a baseline taken before the warm-up, against "
            + "rows of axon.domainevententry after the publisher's position at that baseline: the relay publishes "
            + "every domain event (no filter; only paymentToken fields are removed from the JSON), so the two are "
            + "equal once the topic has caught up; extra records are batches published again after a failed "
            + "acknowledgement (at-least-once)";

    private final TopicOffsets offsets;
    private final String bootstrap;
    private final String topic;
    private final String group;
    private final Events events;
    private final PublishLagMetric metric;
    private final LongSupplier clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bench-kafka-sampler");
        thread.setDaemon(true);
        return thread;
    });

    private boolean recording;
    private Sample windowStart;
    private Sample windowEnd;
    private Sample previous;
    private final List<Double> rates = new ArrayList<>();
    private long lagMax;
    private long lagSum;
    private long lagLast;
    private long lagSamples;
    private boolean groupCommitted;
    private PublishLagMetric.Reading metricStart;
    private PublishLagMetric.Reading metricEnd;
    private volatile String metricError;
    private Baseline baseline;
    private CompletableFuture<CatchUp> catchUp;
    private volatile String lastError;

    /**
     * {@code events}: the event store, or null without a JDBC connection (then there is no catch-up figure);
     * {@code metric}: the server's Prometheus endpoint, or null; {@code clock}: nanoseconds, like System::nanoTime.
     */
    KafkaSampler(TopicOffsets offsets, String bootstrap, String topic, String group, Events events,
                 PublishLagMetric metric, LongSupplier clock) {
        this.offsets = offsets;
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.group = group;
        this.events = events;
        this.metric = metric;
        this.clock = clock;
    }

    /** What the catch-up check reads from the event store. */
    interface Events {
        long head() throws Exception;

        /** Where the publishing processor's token stands; empty when the instance has none. */
        OptionalLong publisherPosition() throws Exception;

        long eventsAfter(long position) throws Exception;

        static Events of(EventStoreProbe probe) {
            return new Events() {
                @Override
                public long head() throws Exception {
                    return probe.head();
                }

                @Override
                public OptionalLong publisherPosition() throws Exception {
                    Long position = probe.processorPositions().get(PUBLISHER);
                    return position == null ? OptionalLong.empty() : OptionalLong.of(position);
                }

                @Override
                public long eventsAfter(long position) throws Exception {
                    return probe.eventsAfter(position);
                }
            };
        }
    }

    private record Sample(long nanos, long published) {
    }

    /** Topic and event store at one moment; exact when the publisher was at the head and nothing was appended. */
    private record Baseline(long position, long published, boolean exact) {
    }

    private record CatchUp(long millis, long events, long records) {
    }

    /**
     * Before the load: waits (at most {@code patienceMillis}) for a moment when the publisher has every event and
     * the store does not grow, and remembers the topic's size and the store's position then.
     */
    void takeBaseline(long patienceMillis) throws InterruptedException {
        if (events == null) {
            return;
        }
        long deadline = clock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(patienceMillis);
        try {
            while (true) {
                long head = events.head();
                OptionalLong position = events.publisherPosition();
                if (position.isPresent() && position.getAsLong() >= head) {
                    long published = offsets.read().published();
                    if (events.head() == head) {
                        baseline = new Baseline(head, published, true);
                        return;
                    }
                }
                if (clock.getAsLong() >= deadline || position.isEmpty()) {
                    // Records of a batch acknowledged but not yet committed may already be in the topic: the
                    // comparison can then stay short by that batch.
                    long at = position.orElse(head);
                    baseline = new Baseline(at, offsets.read().published(), false);
                    return;
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            lastError = "baseline: " + e;
        }
    }

    void start() {
        timer.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Start (true) and end (false) of the measured window: reads the topic, then the server's timer (only here: its
     * exposition is large, and reading it every second would load the server being measured).
     */
    void recording(boolean on) {
        try {
            Sample now = read().sample;
            synchronized (this) {
                if (on) {
                    windowStart = now;
                    previous = now;
                    recording = true;
                } else {
                    recording = false;
                    windowEnd = now;
                }
            }
        } catch (Exception e) {
            lastError = e.toString();
        }
        PublishLagMetric.Reading reading = readMetric();
        synchronized (this) {
            if (on) {
                metricStart = reading;
            } else {
                metricEnd = reading;
            }
        }
    }

    /** A snapshot stamped with the middle of its read: under load one read can take a good part of a second. */
    private Read read() throws Exception {
        long before = clock.getAsLong();
        TopicOffsets.Snapshot snapshot = offsets.read();
        long after = clock.getAsLong();
        return new Read(new Sample(before + (after - before) / 2, snapshot.published()), snapshot);
    }

    private record Read(Sample sample, TopicOffsets.Snapshot snapshot) {
    }

    /** One sample: counts only while recording (the sampler runs through warm-up so that its first call is warm). */
    void sample() {
        try {
            Read read = read();
            TopicOffsets.Snapshot snapshot = read.snapshot;
            synchronized (this) {
                if (!recording) {
                    return;
                }
                Sample now = read.sample;
                double seconds = (now.nanos - previous.nanos) / 1e9;
                // A sample delayed on a loaded machine is followed by one at once; a rate over a sliver of a
                // second would be noise, so such a sample extends the next interval instead.
                if (seconds >= 0.5) {
                    rates.add(round((now.published - previous.published) / seconds));
                    previous = now;
                }
                long lag = snapshot.lag();
                lagMax = Math.max(lagMax, lag);
                lagSum += lag;
                lagLast = lag;
                lagSamples++;
                groupCommitted |= !snapshot.committed().isEmpty();
            }
        } catch (Exception e) {
            lastError = e.toString();
        }
    }

    /**
     * Called when the load stops: watches, on a thread of its own, until the topic holds a record for every event
     * appended since the baseline, for at most {@code timeoutMillis}.
     */
    void watchCatchUp(long timeoutMillis) {
        if (events == null || baseline == null) {
            return;
        }
        long start = clock.getAsLong();
        Baseline from = baseline;
        catchUp = CompletableFuture.supplyAsync(() -> {
            long appended = -1;
            long records = -1;
            try {
                while (true) {
                    // Events first: when the records then cover them, every event counted is in the topic.
                    appended = events.eventsAfter(from.position);
                    records = offsets.read().published() - from.published;
                    long elapsed = clock.getAsLong() - start;
                    if (records >= appended) {
                        return new CatchUp(TimeUnit.NANOSECONDS.toMillis(elapsed), appended, records);
                    }
                    if (elapsed >= TimeUnit.MILLISECONDS.toNanos(timeoutMillis)) {
                        return new CatchUp(-1, appended, records);
                    }
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new CatchUp(-1, appended, records);
            } catch (Exception e) {
                lastError = "catch-up: " + e;
                return new CatchUp(-1, appended, records);
            }
        }, runnable -> {
            Thread thread = new Thread(runnable, "bench-kafka-catch-up");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** Records published per second over the measured window; null when the window was not read. */
    synchronized Double recordsPerSecond() {
        if (windowStart == null || windowEnd == null || windowEnd.nanos <= windowStart.nanos) {
            return null;
        }
        return round((windowEnd.published - windowStart.published) / ((windowEnd.nanos - windowStart.nanos) / 1e9));
    }

    /**
     * The report's {@code kafka} section; {@code publisherLag}: the event-store lag of the publishing processor from
     * {@link LagSampler} (null when not measured). Waits for the catch-up watch to end.
     */
    Map<String, Object> figures(Object publisherLag) {
        CatchUp caughtUp = awaitCatchUp();
        Map<String, Object> figures = new LinkedHashMap<>();
        synchronized (this) {
            figures.put("bootstrap", bootstrap);
            figures.put("topic", topic + " (" + offsets.partitions() + " partition"
                    + (offsets.partitions() == 1 ? ")" : "s)"));
            figures.put("consumerGroup", group);
            Double perSecond = recordsPerSecond();
            if (perSecond != null) {
                figures.put("recordsPublishedInWindow", windowEnd.published - windowStart.published);
                figures.put("recordsPublishedPerSecond", perSecond);
                figures.put("recordsPublishedPerSecondPeak",
                        rates.stream().mapToDouble(Double::doubleValue).max().orElse(perSecond));
                figures.put("recordsPublishedPerSecondTimeline", List.copyOf(rates));
            } else {
                figures.put("recordsPublishedPerSecond", "not measured: the window's offsets could not be read");
            }
            Map<String, Object> lag = new LinkedHashMap<>();
            lag.put("maxRecords", lagMax);
            lag.put("meanRecords", Math.round(10.0 * lagSum / Math.max(1, lagSamples)) / 10.0);
            lag.put("lastRecords", lagLast);
            lag.put("samples", lagSamples);
            figures.put("consumerLag", lag);
            if (lagSamples > 0 && !groupCommitted) {
                figures.put("consumerLagNote", "the group " + group + " has committed no offset of " + topic
                        + " (is the notification role running?): its lag counts from each partition's first record");
            }
            figures.put("publisherLagEvents", publisherLag == null ? "not measured: no JDBC connection" : publisherLag);
            figures.put("topicCaughtUpAfterLoad", catchUpFigures(caughtUp));
            figures.put("publishLag", publishLagFigures());
        }
        if (lastError != null) {
            figures.put("error", lastError);
        }
        return figures;
    }

    private Object catchUpFigures(CatchUp caughtUp) {
        if (events == null) {
            return "not measured: no JDBC connection";
        }
        if (baseline == null || caughtUp == null) {
            return "not measured: no baseline of the topic and the event store" + (lastError == null ? ""
                    : " (" + lastError + ")");
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("millis", caughtUp.millis);
        figures.put("eventsAppendedSinceBaseline", caughtUp.events);
        figures.put("recordsPublishedSinceBaseline", caughtUp.records);
        figures.put("extraRecords", Math.max(0, caughtUp.records - caughtUp.events));
        figures.put("baseline", baseline.exact ? "exact (publisher at the head, store not growing)"
                : "inexact (the publisher did not reach the head within the wait; the records can stay short by "
                + "the batch in flight)");
        figures.put("compared", COMPARED);
        return figures;
    }

    private Object publishLagFigures() {
        if (metric == null) {
            return "not measured: give the management URL with --metrics-url to read "
                    + PublishLagMetric.NAME;
        }
        if (metricStart == null || metricEnd == null) {
            return "not measured: " + (metricError == null ? "no reading at both ends of the window" : metricError);
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        long count = metricEnd.count() - metricStart.count();
        figures.put("eventsTimed", count);
        figures.put("meanMs", count <= 0 ? null : round(1000 * (metricEnd.sumSeconds() - metricStart.sumSeconds())
                / count));
        // From the difference of the histograms at both ends: exactly the window's events, to a bucket's width.
        figures.put("p50MsAtMost", millis(metricEnd.boundSince(metricStart, 0.5)));
        figures.put("p99MsAtMost", millis(metricEnd.boundSince(metricStart, 0.99)));
        figures.put("maxMsAtMost", millis(metricEnd.boundSince(metricStart, 1.0)));
        // Micrometer's own max is over a rolling window of one to three minutes: it can reach back before the window.
        figures.put("rollingMaxMsAtEnd", round(1000 * metricEnd.maxSeconds()));
        figures.put("source", metric.endpoint().toString());
        return figures;
    }

    private static Object millis(Double seconds) {
        if (seconds == null) {
            return null;
        }
        return seconds.isInfinite() ? "beyond the largest bucket" : round(1000 * seconds);
    }

    private PublishLagMetric.Reading readMetric() {
        if (metric == null) {
            return null;
        }
        try {
            return metric.read();
        } catch (Exception e) {
            metricError = e.getMessage();
            return null;
        }
    }

    private CatchUp awaitCatchUp() {
        if (catchUp == null) {
            return null;
        }
        try {
            return catchUp.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        offsets.close();
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
