package dev.orders.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Locale;

/**
 * The PostgreSQL server that tests share: started once per JVM and stopped when it exits. One switch,
 * {@code ORDERS_TEST_DATABASE} (or system property {@code orders.test.database}): {@code auto} (default) uses
 * Testcontainers when a Docker engine answers and the embedded server otherwise; {@code embedded} and
 * {@code testcontainers} force one.
 */
public final class TestPostgres {

    private static PostgresServer shared;

    private TestPostgres() {
    }

    /** The shared server, started on first use. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start(mode());
            PostgresServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test-postgres-stop"));
        }
        return shared;
    }

    private static PostgresServer start(String mode) {
        switch (mode) {
            case "testcontainers":
                return ContainerPostgresServer.start();
            case "embedded":
                return startEmbedded();
            default:
                return DockerProbe.dockerAvailable() ? ContainerPostgresServer.start() : startEmbedded();
        }
    }

    private static PostgresServer startEmbedded() {
        try {
            return EmbeddedPostgresServer.start(Files.createTempDirectory("orders-test-pg"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String mode() {
        String value = System.getProperty("orders.test.database", System.getenv("ORDERS_TEST_DATABASE"));
        return value == null ? "auto" : value.trim().toLowerCase(Locale.ROOT);
    }
}
