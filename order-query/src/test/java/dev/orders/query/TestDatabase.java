package dev.orders.query;

import dev.orders.platform.persistence.DatabaseConfiguration;
import dev.orders.platform.persistence.DatabaseProperties;
import dev.orders.testkit.PostgresServer;
import dev.orders.testkit.TestPostgres;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A database of its own on the shared test server, with the event store and the order_query schema migrated as the
 * platform does it, and Axon's JDBC storage engine with the Jackson 3 serializer for writing real events.
 */
final class TestDatabase {

    final DataSource dataSource;
    final JdbcTemplate jdbc;
    final NamedParameterJdbcTemplate namedJdbc;
    final TransactionTemplate transaction;
    final DatabaseClient r2dbc;
    final Serializer serializer = Jackson3Serializer.builder().build();
    final JdbcEventStorageEngine eventStore;

    private TestDatabase(String url, String username, String password) {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setUrl(url);
        pg.setUser(username);
        pg.setPassword(password);
        // Axon's storage engine uses unqualified table names, as the application's pool does.
        pg.setCurrentSchema("axon");
        dataSource = pg;
        for (String schema : new String[] {"axon", "order_query"}) {
            Flyway.configure().dataSource(dataSource).schemas(schema).defaultSchema(schema).createSchemas(true)
                    .locations("classpath:db/migration/" + schema).load().migrate();
        }
        jdbc = new JdbcTemplate(dataSource);
        namedJdbc = new NamedParameterJdbcTemplate(jdbc);
        transaction = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        r2dbc = DatabaseClient.create(new PostgresqlConnectionFactory(DatabaseConfiguration.r2dbcConfiguration(
                new DatabaseProperties(url, username, password, null, null))));
        eventStore = JdbcEventStorageEngine.builder()
                .connectionProvider(new DataSourceConnectionProvider(dataSource))
                .transactionManager(NoTransactionManager.INSTANCE)
                .snapshotSerializer(serializer)
                .eventSerializer(serializer)
                .build();
    }

    /** A fresh, empty database named after {@code purpose}. */
    static TestDatabase create(String purpose) {
        PostgresServer server = TestPostgres.shared();
        String name = (purpose + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(),
                server.password()); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        String url = server.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
        return new TestDatabase(url, server.username(), server.password());
    }

    void append(EventMessage<?>... events) {
        eventStore.appendEvents(events);
    }
}
