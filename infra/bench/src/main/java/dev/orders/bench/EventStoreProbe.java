package dev.orders.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Reads the Orders database as an outside client, read-only: the event store's head position, each
 * processor's token position, and the server settings that explain the numbers.
 */
final class EventStoreProbe implements AutoCloseable {

    private final Connection connection;

    private EventStoreProbe(Connection connection) {
        this.connection = connection;
    }

    /** Connects, retrying for a few seconds: the database may still be starting with the server. */
    static EventStoreProbe open(String url, String user, String password) throws SQLException, InterruptedException {
        Connection connection = null;
        for (int attempt = 1; connection == null; attempt++) {
            try {
                connection = DriverManager.getConnection(url, user, password);
            } catch (SQLException e) {
                if (attempt >= 10 || !"08001".equals(e.getSQLState())) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
        connection.setAutoCommit(true);
        connection.setReadOnly(true);
        return new EventStoreProbe(connection);
    }

    /** The global index of the newest event (0 when the store is empty). */
    synchronized long head() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select coalesce(max(globalindex), 0) from axon.domainevententry")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    synchronized long eventCount() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from axon.domainevententry")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** How many events the store holds after {@code position} (gaps in the global index are not counted). */
    synchronized long eventsAfter(long position) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select count(*) from axon.domainevententry where globalindex > ?")) {
            statement.setLong(1, position);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Per processor the lowest position over its segments: the processor has seen everything up to there. */
    synchronized Map<String, Long> processorPositions() throws SQLException {
        Map<String, Long> positions = new TreeMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select processorname, token from axon.tokenentry")) {
            while (rows.next()) {
                String processor = rows.getString(1);
                OptionalLong index = TrackingTokens.index(rows.getBytes(2));
                long position = index.isPresent() ? index.getAsLong() : 0;
                positions.merge(processor, position, Math::min);
            }
        }
        return positions;
    }

    /** Settings that decide what an insert costs, plus the server version. */
    synchronized Map<String, Object> settings() throws SQLException {
        Map<String, Object> settings = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select version()")) {
            rows.next();
            settings.put("version", rows.getString(1));
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "select name, setting, unit from pg_settings where name = any(?) order by name")) {
            statement.setArray(1, connection.createArrayOf("text", new String[] {"fsync", "synchronous_commit",
                    "wal_sync_method", "full_page_writes", "shared_buffers", "max_connections", "wal_level",
                    "commit_delay"}));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String unit = rows.getString(3);
                    settings.put(rows.getString(1), rows.getString(2) + (unit == null ? "" : " × " + unit));
                }
            }
        }
        return settings;
    }

    /** Runs a read-only query the checks need; the caller closes nothing but the result it maps. */
    synchronized <T> T query(String sql, SqlFunction<ResultSet, T> mapper, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return mapper.apply(rows);
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a read-only probe: nothing to save
        }
    }

    /** A JDBC mapping step. */
    @FunctionalInterface
    interface SqlFunction<A, B> {
        B apply(A value) throws SQLException;
    }
}
