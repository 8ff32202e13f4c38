package dev.orders.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KafkaSamplerTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void ratesAndConsumerLagComeFromTheOffsetsOfTheMeasuredWindow() {
        ScriptedOffsets offsets = new ScriptedOffsets(
                snapshot(90, 90),      // warm-up sample: not counted
                snapshot(100, 100),    // window start
                snapshot(150, 120),    // +1 s: 50 records, lag 30
                snapshot(250, 200),    // +2 s: 100 records, lag 50
                snapshot(250, 240));   // window end
        KafkaSampler sampler = sampler(offsets, null);

        sampler.sample();
        sampler.recording(true);
        second();
        sampler.sample();
        second();
        sampler.sample();
        sampler.recording(false);

        assertThat(sampler.recordsPerSecond()).isEqualTo(75.0);
        Map<String, Object> figures = sampler.figures(null);
        assertThat(figures).containsEntry("recordsPublishedInWindow", 150L)
                .containsEntry("recordsPublishedPerSecond", 75.0)
                .containsEntry("recordsPublishedPerSecondPeak", 100.0)
                .containsEntry("recordsPublishedPerSecondTimeline", List.of(50.0, 100.0))
                .containsEntry("topic", "orders.events.v1 (1 partition)")
                .doesNotContainKey("consumerLagNote");
        assertThat(figures.get("consumerLag")).isEqualTo(Map.of("maxRecords", 50L, "meanRecords", 40.0,
                "lastRecords", 50L, "samples", 2L));
    }

    @Test
    void aPartitionWithoutACommittedOffsetLagsFromItsFirstRecord() {
        TopicOffsets.Snapshot snapshot = new TopicOffsets.Snapshot(Map.of(0, 10L, 1, 0L), Map.of(0, 50L, 1, 30L),
                Map.of(1, 25L));
        assertThat(snapshot.published()).isEqualTo(80);
        assertThat(snapshot.lag()).isEqualTo(40 + 5);
    }

    @Test
    void aGroupThatNeverCommittedIsNamedInTheReport() {
        TopicOffsets.Snapshot uncommitted = new TopicOffsets.Snapshot(Map.of(0, 0L), Map.of(0, 20L), Map.of());
        KafkaSampler sampler = sampler(new ScriptedOffsets(uncommitted, uncommitted, uncommitted), null);
        sampler.recording(true);
        second();
        sampler.sample();
        sampler.recording(false);

        Map<String, Object> figures = sampler.figures(null);
        assertThat(((Map<?, ?>) figures.get("consumerLag")).get("maxRecords")).isEqualTo(20L);
        assertThat(figures.get("consumerLagNote").toString()).contains("orders-notifications");
    }

    @Test
    void topicCatchesUpWhenItHoldsARecordForEveryEventAppendedSinceTheBaseline() throws Exception {
        // Baseline: publisher at the head (1000), topic at 400 records. After the load 60 events were appended;
        // the topic grows 400 → 430 → 461 (one record published twice).
        ScriptedOffsets offsets = new ScriptedOffsets(snapshot(400, 0), snapshot(430, 0), snapshot(461, 0))
                .taking(100);
        FakeEvents events = new FakeEvents(1000, 1000, 60);
        KafkaSampler sampler = sampler(offsets, events);
        sampler.takeBaseline(1000);

        sampler.watchCatchUp(60_000);
        Map<?, ?> caughtUp = (Map<?, ?>) sampler.figures(Map.of("maxEvents", 3L)).get("topicCaughtUpAfterLoad");

        assertThat(caughtUp.get("millis")).isEqualTo(200L);
        assertThat(caughtUp.get("eventsAppendedSinceBaseline")).isEqualTo(60L);
        assertThat(caughtUp.get("recordsPublishedSinceBaseline")).isEqualTo(61L);
        assertThat(caughtUp.get("extraRecords")).isEqualTo(1L);
        assertThat(caughtUp.get("baseline").toString()).startsWith("exact");
        assertThat(events.countedFrom).isEqualTo(1000);
    }

    @Test
    void aTopicThatStaysShortIsReportedAsNotCaughtUp() throws Exception {
        ScriptedOffsets offsets = new ScriptedOffsets(snapshot(400, 0), snapshot(410, 0)).taking(100);
        KafkaSampler sampler = sampler(offsets, new FakeEvents(1000, 1000, 60));
        sampler.takeBaseline(1000);

        sampler.watchCatchUp(500);
        Map<?, ?> caughtUp = (Map<?, ?>) sampler.figures(null).get("topicCaughtUpAfterLoad");

        assertThat(caughtUp.get("millis")).isEqualTo(-1L);
        assertThat(caughtUp.get("recordsPublishedSinceBaseline")).isEqualTo(10L);
    }

    @Test
    void aPublisherBehindTheHeadGivesAnInexactBaselineAtItsPosition() throws Exception {
        FakeEvents events = new FakeEvents(1000, 990, 0);
        KafkaSampler sampler = sampler(new ScriptedOffsets(snapshot(400, 0)), events);
        sampler.takeBaseline(300);

        sampler.watchCatchUp(1000);
        Map<?, ?> caughtUp = (Map<?, ?>) sampler.figures(null).get("topicCaughtUpAfterLoad");

        assertThat(caughtUp.get("baseline").toString()).startsWith("inexact");
        assertThat(events.countedFrom).isEqualTo(990);
    }

    @Test
    void withoutAnEventStoreThereIsNoCatchUpFigure() {
        KafkaSampler sampler = sampler(new ScriptedOffsets(snapshot(1, 1)), null);
        sampler.watchCatchUp(1000);
        assertThat(sampler.figures(null).get("topicCaughtUpAfterLoad").toString()).contains("no JDBC connection");
    }

    @Test
    void publishLagIsTheServersTimerOverTheWindow() throws Exception {
        Deque<String> pages = new ArrayDeque<>(List.of(
                // window start: 10 events before the window
                timer(10, 0.5, 0.08, 5, 8, 10, 10),
                // window end: 100 more, 5 s in all (mean 50 ms); 25 ≤ 10 ms, 62 ≤ 50 ms, 95 ≤ 100 ms, all ≤ 500 ms
                timer(110, 5.5, 0.12, 30, 70, 105, 110)));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/actuator/prometheus", exchange -> {
            byte[] body = (pages.size() > 1 ? pages.poll() : pages.peek()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            PublishLagMetric metric = new PublishLagMetric(URI.create("http://127.0.0.1:"
                    + server.getAddress().getPort()));
            ScriptedOffsets offsets = new ScriptedOffsets(snapshot(0, 0), snapshot(10, 10), snapshot(20, 20));
            KafkaSampler sampler = new KafkaSampler(offsets, "localhost:9092", "orders.events.v1",
                    "orders-notifications", null, metric, now::get);
            sampler.recording(true);
            second();
            sampler.sample();
            second();
            sampler.recording(false);

            Map<?, ?> lag = (Map<?, ?>) sampler.figures(null).get("publishLag");
            assertThat(lag.get("eventsTimed")).isEqualTo(100L);
            assertThat(lag.get("meanMs")).isEqualTo(50.0);
            assertThat(lag.get("p50MsAtMost")).isEqualTo(50.0);
            assertThat(lag.get("p99MsAtMost")).isEqualTo(500.0);
            assertThat(lag.get("maxMsAtMost")).isEqualTo(500.0);
            assertThat(lag.get("rollingMaxMsAtEnd")).isEqualTo(120.0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aSampleRightAfterADelayedOneExtendsTheNextInterval() {
        KafkaSampler sampler = sampler(new ScriptedOffsets(snapshot(0, 0), snapshot(100, 0), snapshot(110, 0),
                snapshot(300, 0)), null);
        sampler.recording(true);
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1900));
        sampler.sample();
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        sampler.sample();
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1000));
        sampler.sample();
        sampler.recording(false);

        assertThat(sampler.figures(null).get("recordsPublishedPerSecondTimeline"))
                .isEqualTo(List.of(100 / 1.9, 200 / 1.1).stream().map(r -> Math.round(r * 100) / 100.0).toList());
    }

    @Test
    void anUnreachableTimerIsReportedNotFatal() {
        PublishLagMetric metric = new PublishLagMetric(URI.create("http://127.0.0.1:1"));
        KafkaSampler sampler = new KafkaSampler(new ScriptedOffsets(snapshot(0, 0)), "localhost:9092",
                "orders.events.v1", "orders-notifications", null, metric, now::get);
        sampler.recording(true);
        second();
        sampler.recording(false);

        assertThat(sampler.figures(null).get("publishLag").toString()).startsWith("not measured");
        assertThat(sampler.recordsPerSecond()).isZero();
    }

    private static String timer(long count, double sum, double max, long... cumulative) {
        return """
                # HELP orders_kafka_publish_lag_seconds_max Time from an event's timestamp to the broker's ack
                # TYPE orders_kafka_publish_lag_seconds_max gauge
                orders_kafka_publish_lag_seconds_max{topic="orders.events.v1"} %s
                orders_kafka_publish_lag_seconds_bucket{topic="orders.events.v1",le="0.01"} %d
                orders_kafka_publish_lag_seconds_bucket{topic="orders.events.v1",le="0.05"} %d
                orders_kafka_publish_lag_seconds_bucket{topic="orders.events.v1",le="0.1"} %d
                orders_kafka_publish_lag_seconds_bucket{topic="orders.events.v1",le="0.5"} %d
                orders_kafka_publish_lag_seconds_bucket{topic="orders.events.v1",le="+Inf"} %d
                orders_kafka_publish_lag_seconds_count{topic="orders.events.v1"} %d
                orders_kafka_publish_lag_seconds_sum{topic="orders.events.v1"} %s
                orders_http_requests_total 7
                """.formatted(max, cumulative[0], cumulative[1], cumulative[2], cumulative[3], count, count, sum);
    }

    private KafkaSampler sampler(TopicOffsets offsets, KafkaSampler.Events events) {
        return new KafkaSampler(offsets, "localhost:9092", "orders.events.v1", "orders-notifications", events, null,
                now::get);
    }

    private void second() {
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
    }

    private static TopicOffsets.Snapshot snapshot(long end, long committed) {
        return new TopicOffsets.Snapshot(Map.of(0, 0L), Map.of(0, end), Map.of(0, committed));
    }

    /** Answers the scripted snapshots in turn, the last one from then on; a read takes {@code readMillis}. */
    private final class ScriptedOffsets implements TopicOffsets {
        private final Deque<Snapshot> snapshots;
        private long readMillis;

        ScriptedOffsets(Snapshot... snapshots) {
            this.snapshots = new ArrayDeque<>(List.of(snapshots));
        }

        ScriptedOffsets taking(long millis) {
            readMillis = millis;
            return this;
        }

        @Override
        public synchronized Snapshot read() {
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(readMillis));
            return snapshots.size() > 1 ? snapshots.poll() : snapshots.peek();
        }

        @Override
        public int partitions() {
            return 1;
        }

        @Override
        public void close() {
        }
    }

    /**
     * An event store whose head and publisher stand still; {@code appended} events lie after any position; reading
     * the head takes 100 ms of the clock.
     */
    private final class FakeEvents implements KafkaSampler.Events {
        final long head;
        final long publisher;
        final long appended;
        volatile long countedFrom = -1;

        FakeEvents(long head, long publisher, long appended) {
            this.head = head;
            this.publisher = publisher;
            this.appended = appended;
        }

        @Override
        public long head() {
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
            return head;
        }

        @Override
        public OptionalLong publisherPosition() {
            return OptionalLong.of(publisher);
        }

        @Override
        public long eventsAfter(long position) {
            countedFrom = position;
            return appended;
        }
    }
}
