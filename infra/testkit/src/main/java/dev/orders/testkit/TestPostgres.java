package dev.orders.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

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

    /**
     * An empty database {@code name} on the shared server (dropped first if a previous run left it), for a test
     * that runs application instances of its own which must not share tables with the other tests' instance.
     */
    public static PostgresServer freshDatabase(String name) {
        PostgresServer server = shared();
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(),
                server.password()); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the test database " + name, e);
        }
        String url = server.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
        return new Database(url, server.username(), server.password());
    }

    /** A database on the shared server; closing it leaves the server running. */
    private record Database(String jdbcUrl, String username, String password) implements PostgresServer {
        @Override
        public void close() {
        }
    }

    private static PostgresServer startEmbedded() {
        try {
            return EmbeddedPostgresServer.start(Files.createTempDirectory("orders-test-pg"), 0, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
