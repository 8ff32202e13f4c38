package dev.orders.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

    @Test
    void dataSurvivesARestartOnTheSameDataDirectory(@TempDir Path dataDirectory) throws SQLException {
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(dataDirectory, 0)) {
            execute(first, "create table survivor(name text); insert into survivor values ('still here')");
        }

        try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(dataDirectory, 0);
             Connection connection = connect(second);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select name from survivor")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("still here");
        }
    }

    @Test
    void theSystemsDatabaseIsDurable(@TempDir Path dataDirectory) throws SQLException {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, 0)) {
            assertThat(setting(server, "fsync")).isEqualTo("on");
            assertThat(setting(server, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(server, "full_page_writes")).isEqualTo("on");
        }
    }

    private static String setting(PostgresServer server, String name) throws SQLException {
        try (Connection connection = connect(server); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("show " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void execute(PostgresServer server, String sql) throws SQLException {
        try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Connection connect(PostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
    }
}
