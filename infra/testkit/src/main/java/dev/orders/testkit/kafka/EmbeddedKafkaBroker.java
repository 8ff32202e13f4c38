package dev.orders.testkit.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker in this JVM: one KRaft node that is broker and controller at once. Its data lives under the
 * given directory ({@code metadata/} for the controller's log, {@code logs/} for the topics), so the same directory
 * reopens the same cluster with its topics and records. The port stays the same for the broker's whole life, also
 * across {@link #stop()} and {@link #restart()}, so clients that know it reconnect by themselves.
 */
public final class EmbeddedKafkaBroker implements KafkaServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final int BIND_ATTEMPTS = 20;

    private final Path dataDirectory;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;
    private Runnable afterClose = () -> {
    };

    private EmbeddedKafkaBroker(Path dataDirectory, int port, int controllerPort) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * Starts a broker on {@code port} (0 picks a free one, which it then keeps) over {@code dataDirectory}, formatting
     * the storage with a new cluster id when the directory is new. Returns once the broker accepts clients.
     */
    public static EmbeddedKafkaBroker start(Path dataDirectory, int port) {
        Path directory = dataDirectory.toAbsolutePath();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(directory, port > 0 ? port : freePort(), freePort());
        broker.startServer();
        return broker;
    }

    @Override
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Stops the broker (clients see it as down) and keeps its data and port for {@link #restart()}. */
    public synchronized void stop() {
        if (server != null) {
            KafkaRaftServer running = server;
            server = null;
            running.shutdown();
            running.awaitShutdown();
            log.info("Embedded Kafka broker on port {} stopped", port);
        }
    }

    /** Stops the broker if it runs and starts it again on the same port and data. */
    public synchronized void restart() {
        stop();
        startServer();
    }

    /** Stops the broker for good. */
    @Override
    public void close() {
        stop();
        afterClose.run();
    }

    /** Runs {@code cleanUp} once the broker is closed, e.g. to delete a temporary data directory. */
    EmbeddedKafkaBroker onClose(Runnable cleanUp) {
        this.afterClose = cleanUp;
        return this;
    }

    private synchronized void startServer() {
        long started = System.nanoTime();
        QuietKafkaLogs.apply();
        Path metadata = dataDirectory.resolve("metadata");
        Path logs = dataDirectory.resolve("logs");
        Map<String, Object> config = config(metadata, logs);
        format(metadata, logs);
        for (int attempt = 1; ; attempt++) {
            KafkaRaftServer candidate = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
            try {
                candidate.startup();
                server = candidate;
                break;
            } catch (RuntimeException e) {
                // A half-started server keeps non-daemon threads: without this the JVM never exits.
                shutDownQuietly(candidate, e);
                if (!causedByBindFailure(e) || attempt == BIND_ATTEMPTS) {
                    throw new IllegalStateException("could not start the embedded Kafka broker on port " + port
                            + " over " + dataDirectory, e);
                }
                // The port of a broker that just stopped can stay taken for a moment.
                sleep(250);
            }
        }
        log.info("Embedded Kafka broker at {} (data in {}) started in {} ms", bootstrapServers(), dataDirectory,
                (System.nanoTime() - started) / 1_000_000);
    }

    private Map<String, Object> config(Path metadata, Path logs) {
        Map<String, Object> config = new HashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", String.valueOf(NODE_ID));
        // A static quorum of this one node: nothing to bootstrap, and a restart finds its voter by configuration.
        config.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        // Separate directories: the controller's metadata log must never share a directory with topic data.
        config.put("metadata.log.dir", metadata.toString());
        config.put("log.dirs", logs.toString());
        config.put("auto.create.topics.enable", "false");
        config.put("num.partitions", "1");
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "5");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("transaction.state.log.num.partitions", "5");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        // The default (128 MiB) is allocated up front; a small heap would not survive it.
        config.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
        // After a crash the controller waits this long for the old broker session to expire before the new one registers.
        config.put("broker.session.timeout.ms", "3000");
        config.put("broker.heartbeat.interval.ms", "500");
        config.put("num.network.threads", "2");
        config.put("num.io.threads", "4");
        return config;
    }

    /** Formats what is not formatted yet; a directory formatted before keeps its cluster id. */
    private static void format(Path metadata, Path logs) {
        try {
            Files.createDirectories(metadata);
            Files.createDirectories(logs);
            String clusterId = existingClusterId(metadata, logs);
            boolean fresh = clusterId == null;
            Formatter formatter = new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(fresh ? Uuid.randomUuid().toString() : clusterId)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setUnstableFeatureVersionsEnabled(false)
                    .setIgnoreFormatted(true)
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(metadata.toString())
                    .setDirectories(List.of(metadata.toString(), logs.toString()));
            formatter.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not format Kafka storage in " + metadata.getParent(), e);
        }
    }

    private static String existingClusterId(Path... directories) throws IOException {
        for (Path directory : directories) {
            Path file = directory.resolve("meta.properties");
            if (Files.exists(file)) {
                Properties properties = new Properties();
                try (InputStream in = Files.newInputStream(file)) {
                    properties.load(in);
                }
                String clusterId = properties.getProperty("cluster.id");
                if (clusterId != null && !clusterId.isBlank()) {
                    return clusterId;
                }
            }
        }
        return null;
    }

    private static void shutDownQuietly(KafkaRaftServer server, RuntimeException failure) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static boolean causedByBindFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the embedded Kafka broker", e);
        }
    }
}
