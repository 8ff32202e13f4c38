package dev.orders.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One instance of the jar under test as a child process on a fixed port. {@link #kill()} is {@code kill -9}:
 * {@link Process#destroyForcibly()} sends SIGKILL on Linux, and the exit status 137 (128 + 9) proves it.
 */
final class AppInstance implements AutoCloseable {

    private static final Http PROBE = new Http(Duration.ofSeconds(2));

    private final String name;
    private final Path jar;
    private final Path logDirectory;
    private final Map<String, String> environment;
    private final int port;
    private Process process;
    private int starts;
    private boolean killed;

    AppInstance(String name, Path jar, Path logDirectory, Map<String, String> environment) {
        this.name = name;
        this.jar = jar;
        this.logDirectory = logDirectory;
        this.environment = environment;
        this.port = freePort();
    }

    String name() {
        return name;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    synchronized long pid() {
        return process.pid();
    }

    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** Starts the JVM and waits until its readiness probe answers 200. */
    synchronized void start(Duration timeout) {
        try {
            Files.createDirectories(logDirectory);
            Path log = logDirectory.resolve(name + "-" + (++starts) + ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Daxoniq.update-checker.disabled=true", "-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            builder.environment().put("PORT", String.valueOf(port));
            process = builder.start();
            awaitReady(timeout, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(Duration timeout, Path log) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (PROBE.send("GET", baseUrl() + "/actuator/health/readiness", null, null, Map.of()).ok()) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Pause.of(Duration.ofMillis(500));
        }
        throw new IllegalStateException(name + " not ready after " + timeout + "; see " + log);
    }

    /** Whether this instance was ever killed with {@code kill -9}. */
    synchronized boolean wasKilled() {
        return killed;
    }

    /** {@code kill -9}; answers the exit status, 137 for SIGKILL. */
    synchronized int kill() {
        killed = true;
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.exitValue();
    }

    /** SIGTERM, as an orchestrator stops it; killed if it does not end in time. */
    @Override
    public synchronized void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
