package dev.orders.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * The PostgreSQL server that tests share: started once per JVM and stopped when it exits; in a container or
 * embedded as {@link TestServices} decides.
 */
public final class TestPostgres {

    private static PostgresServer shared;

    private TestPostgres() {
    }

    /** The shared server, started on first use. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = TestServices.useContainers() ? ContainerPostgresServer.start() : startEmbedded();
            PostgresServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test-postgres-stop"));
        }
        return shared;
    }

    private static PostgresServer startEmbedded() {
        try {
            return EmbeddedPostgresServer.start(Files.createTempDirectory("orders-test-pg"), 0, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
