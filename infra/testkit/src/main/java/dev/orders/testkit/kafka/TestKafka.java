package dev.orders.testkit.kafka;

import dev.orders.testkit.TestServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Kafka for tests. {@link #shared()} is the broker every test in a JVM shares (started on first use, stopped when the
 * JVM exits; a container or embedded as {@link TestServices} decides). A test that needs to take a broker down and
 * bring it back starts one of its own with {@link #startRestartable()}: stopping the shared one would cut off
 * everything else in the JVM that uses it, and a container cannot come back on the same port.
 */
public final class TestKafka {

    private static KafkaServer shared;

    private TestKafka() {
    }

    /** The shared broker, started on first use. */
    public static synchronized KafkaServer shared() {
        if (shared == null) {
            shared = TestServices.useContainers() ? ContainerKafkaServer.start() : startTemporary();
            KafkaServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test-kafka-stop"));
        }
        return shared;
    }

    /**
     * A broker of the caller's own, always embedded, on a free port and a fresh temporary directory, so that it can
     * {@link EmbeddedKafkaBroker#stop() stop} and {@link EmbeddedKafkaBroker#restart() restart}. Closing it stops it
     * and deletes its data.
     */
    public static EmbeddedKafkaBroker startRestartable() {
        return startTemporary();
    }

    private static EmbeddedKafkaBroker startTemporary() {
        Path directory;
        try {
            directory = Files.createTempDirectory("orders-test-kafka");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(directory, 0);
        return broker.onClose(() -> deleteRecursively(directory));
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Only temporary files: whatever is left the operating system cleans up.
        }
    }
}
