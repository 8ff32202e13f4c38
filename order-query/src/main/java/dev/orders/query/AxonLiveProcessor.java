package dev.orders.query;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An Axon streaming processor of this instance, paused and resumed through Axon's configuration; its position is
 * read from the shared token store without claiming anything.
 */
final class AxonLiveProcessor implements LiveProcessor {

    private static final long SHUTDOWN_TIMEOUT_SECONDS = 60;

    private final String name;
    private final Supplier<Configuration> axon;
    private final JdbcTemplate jdbc;

    /** Axon's configuration is looked up on use: it is complete only once the application context is. */
    AxonLiveProcessor(String name, Supplier<Configuration> axon, JdbcTemplate jdbc) {
        this.name = name;
        this.axon = axon;
        this.jdbc = jdbc;
    }

    @Override
    public ProcessedPosition position() {
        List<TrackingToken> tokens = new ArrayList<>();
        jdbc.query("SELECT token, tokentype FROM axon.tokenentry WHERE processorname = ? ORDER BY segment",
                row -> {
                    byte[] token = row.getBytes("token");
                    String type = row.getString("tokentype");
                    tokens.add(token == null || type == null ? null : axon.get().serializer().deserialize(
                            new SimpleSerializedObject<>(token, byte[].class, type, null)));
                }, name);
        if (tokens.size() > 1) {
            // Each segment handles a share of the aggregates; matching them is not worth it for a read model whose
            // change log needs a single segment anyway.
            throw new IllegalStateException("processor " + name + " has " + tokens.size()
                    + " segments; a rebuild needs exactly one");
        }
        TrackingToken token = tokens.isEmpty() ? null : WrappedToken.unwrapLowerBound(tokens.get(0));
        if (token == null) {
            return ProcessedPosition.NOTHING;
        }
        if (token instanceof GapAwareTrackingToken gapAware) {
            return ProcessedPosition.of(gapAware.getIndex(), gapAware.getGaps());
        }
        return ProcessedPosition.of(token.position().orElse(-1), List.of());
    }

    @Override
    public boolean isRunning() {
        return processor().isRunning();
    }

    @Override
    public void pause() {
        awaitShutdown(processor());
    }

    @Override
    public void resume() {
        StreamingEventProcessor processor = processor();
        try {
            processor.start();
        } catch (IllegalStateException pendingShutdown) {
            // A pause that timed out leaves worker threads finishing: wait for them, then start.
            awaitShutdown(processor);
            processor.start();
        }
    }

    private void awaitShutdown(StreamingEventProcessor processor) {
        try {
            processor.shutdownAsync().get(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pausing processor " + name, e);
        } catch (Exception e) {
            throw new IllegalStateException("processor " + name + " did not stop: " + e, e);
        }
    }

    private StreamingEventProcessor processor() {
        return axon.get().eventProcessingConfiguration().eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no streaming event processor named " + name
                        + " runs in this instance"));
    }
}
