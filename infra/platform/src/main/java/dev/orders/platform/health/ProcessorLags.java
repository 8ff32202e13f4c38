package dev.orders.platform.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Where this instance's streaming event processors stand against the event store's head: the one reading that both
 * readiness (stall detection) and the lag gauges use. A processor's lag is that of its furthest-behind segment among
 * those this instance holds, in events; segments held by other instances are theirs to report. Reading the head is a
 * database query: call it on the JDBC threads.
 */
final class ProcessorLags {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    ProcessorLags(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    Snapshot read() {
        long head = position(eventStore.createHeadToken());
        List<Processor> processors = new ArrayList<>();
        for (Map.Entry<String, EventProcessor> entry : processing.eventProcessors().entrySet()) {
            if (!(entry.getValue() instanceof StreamingEventProcessor processor)) {
                continue;
            }
            List<Segment> segments = new ArrayList<>();
            for (Map.Entry<Integer, EventTrackerStatus> segment : processor.processingStatus().entrySet()) {
                EventTrackerStatus status = segment.getValue();
                OptionalLong current = status.getCurrentPosition();
                long position = current.isPresent() ? current.getAsLong() : -1;
                segments.add(new Segment(segment.getKey(), position, status.isErrorState()));
            }
            processors.add(new Processor(entry.getKey(), processor.isRunning(), processor.isError(), segments));
        }
        return new Snapshot(head, processors);
    }

    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }

    /** The head's global position and every streaming processor of this instance. */
    record Snapshot(long head, List<Processor> processors) {
    }

    /** A processor and the segments this instance holds. */
    record Processor(String name, boolean running, boolean error, List<Segment> segments) {

        /** Events between the head and the furthest-behind held segment; 0 when it holds none. */
        long lag(long head) {
            return segments.stream().mapToLong(segment -> segment.lag(head)).max().orElse(0);
        }

        /** The lowest token position of the held segments, or -1 when it holds none or has no token yet. */
        long position() {
            return segments.stream().mapToLong(Segment::position).min().orElse(-1);
        }
    }

    /** One segment's token position (-1 before its first event) and whether it is in error. */
    record Segment(int segment, long position, boolean error) {

        long lag(long head) {
            return Math.max(0, head - position);
        }
    }
}
