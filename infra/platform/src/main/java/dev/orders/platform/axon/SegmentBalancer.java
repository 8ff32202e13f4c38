package dev.orders.platform.axon;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Shares the segments of every multi-segment streaming processor fairly among the live instances that run it.
 * A tracking processor claims every segment it has threads for, so the first instance to start would keep all of
 * them and a second one would idle; with fewer threads than segments, a survivor could not take over a dead
 * instance's segments. Instead every instance has a thread per segment, announces itself per processor in
 * {@code axon.processor_instance}, and releases segments above its fair share for a while, so that the others claim
 * them; when an instance stops announcing itself (killed), the fair share of the rest grows and their idle threads
 * claim its segments once its claims time out.
 */
final class SegmentBalancer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final Duration interval;
    private final String instanceId = ManagementFactory.getRuntimeMXBean().getName();
    private ScheduledExecutorService timer;

    SegmentBalancer(EventProcessingConfiguration processing, JdbcTemplate jdbc, Duration interval) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "segment-balancer");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::balanceQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
            try {
                jdbc.update("delete from axon.processor_instance where instance_id = ?", instanceId);
            } catch (RuntimeException e) {
                log.debug("Could not withdraw {} from the processor instances: {}", instanceId, e.getMessage());
            }
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }

    @Override
    public int getPhase() {
        // After the processors have started, before they stop.
        return Integer.MAX_VALUE - 20;
    }

    private void balanceQuietly() {
        try {
            balance();
        } catch (RuntimeException e) {
            // The database may be away for a moment; the next round tries again.
            log.debug("Segment balancing skipped: {}", e.getMessage());
        }
    }

    void balance() {
        Instant now = Instant.now();
        Timestamp stale = Timestamp.from(now.minus(interval.multipliedBy(3)));
        for (Map.Entry<String, EventProcessor> entry : processing.eventProcessors().entrySet()) {
            if (!(entry.getValue() instanceof StreamingEventProcessor processor) || !processor.isRunning()) {
                continue;
            }
            String name = entry.getKey();
            jdbc.update("insert into axon.processor_instance (processor_name, instance_id, seen_at) values (?, ?, ?) "
                    + "on conflict (processor_name, instance_id) do update set seen_at = excluded.seen_at",
                    name, instanceId, Timestamp.from(now));
            Integer segments = jdbc.queryForObject("select count(*) from axon.tokenentry where processorname = ?",
                    Integer.class, name);
            Integer instances = jdbc.queryForObject("select count(*) from axon.processor_instance "
                    + "where processor_name = ? and seen_at > ?", Integer.class, name, stale);
            if (segments == null || segments < 2 || instances == null) {
                continue;
            }
            int surplus = FairShare.surplus(processor.processingStatus().size(), segments, instances);
            processor.processingStatus().keySet().stream().sorted((a, b) -> b - a).limit(surplus)
                    .forEach(segment -> {
                        log.info("Releasing segment {} of {}: {} instances share its {} segments", segment, name,
                                instances, segments);
                        processor.releaseSegment(segment, interval.toMillis() * 3, TimeUnit.MILLISECONDS);
                    });
        }
    }
}
