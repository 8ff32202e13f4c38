package dev.orders.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The built jar running in a JVM of its own, with its output in a log file; for tests of a split deployment. */
final class AppProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;

    private AppProcess(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts {@code java -jar jar} with the given environment on a free port; returns at once. */
    static AppProcess start(String name, Path jar, Path logDirectory, Map<String, String> environment) {
        return startCommand(name, jar, logDirectory, environment);
    }

    /** Starts {@code java -jar jar arguments...}, e.g. one of the jar's commands; returns at once. */
    static AppProcess startCommand(String name, Path jar, Path logDirectory, Map<String, String> environment,
                                   String... arguments) {
        try {
            Files.createDirectories(logDirectory);
            int port = freePort();
            Path log = logDirectory.resolve(name + ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    // Small and quick to start: several of these share two cores in a test.
                    "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-jar", jar.toString()));
            command.addAll(List.of(arguments));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            builder.environment().put("PORT", String.valueOf(port));
            return new AppProcess(name, builder.start(), log, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    Path log() {
        return log;
    }

    /** Waits until the readiness probe answers 200; fails early, with the log's tail, if the JVM exits. */
    void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(
                                URI.create(baseUrl() + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException(name + " not ready after " + timeout + ":\n" + tail());
    }

    /** Waits for the JVM to end by itself and returns its exit status. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " still running after " + timeout + ":\n" + tail());
        }
        return process.exitValue();
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String tail() {
        String output = output();
        return output.substring(Math.max(0, output.length() - 4000));
    }

    /** Stops the JVM as an orchestrator would (SIGTERM), and kills it if it does not end in time. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
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

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
