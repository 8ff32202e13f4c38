package dev.orders.platform.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.ConnectionFactory;
import java.net.URI;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Declares the database beans explicitly. With R2DBC on the classpath Boot backs off its JDBC DataSource,
 * and Axon would find no event store; on Boot 4 Axon's own transaction auto-configuration runs too early
 * and falls back to no transactions. Declaring both here makes the wiring deterministic.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
public class DatabaseConfiguration {

    /** Axon's tables: event store, tokens, sagas, dead letters and durable deadlines. */
    public static final ModuleSchema AXON_SCHEMA = new ModuleSchema("axon", "classpath:db/migration/axon");

    @Bean
    @Primary
    public DataSource dataSource(DatabaseProperties properties, ObjectProvider<ModuleSchema> schemas) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("orders-jdbc");
        config.setJdbcUrl(properties.url());
        config.setUsername(properties.username());
        config.setPassword(properties.password());
        config.setMaximumPoolSize(properties.maximumPoolSize());
        // Axon's JDBC engines use unqualified table names; they live in the axon schema.
        config.setSchema(AXON_SCHEMA.schema());
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            migrate(dataSource, AXON_SCHEMA);
            schemas.orderedStream().forEach(schema -> migrate(dataSource, schema));
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return dataSource;
    }

    @Bean
    public JdbcScheduler jdbcScheduler(DatabaseProperties properties) {
        return new JdbcScheduler(properties.maximumPoolSize());
    }

    private static void migrate(DataSource dataSource, ModuleSchema schema) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema.schema())
                .defaultSchema(schema.schema())
                .createSchemas(true)
                .locations(schema.location())
                .load()
                .migrate();
    }

    @Bean
    @Primary
    public JdbcTransactionManager transactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }

    @Bean
    public JdbcTemplate jdbcTemplate(DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }

    @Bean
    public NamedParameterJdbcTemplate namedParameterJdbcTemplate(JdbcTemplate jdbcTemplate) {
        return new NamedParameterJdbcTemplate(jdbcTemplate);
    }

    /** The non-blocking pool for the query path; built from the same JDBC URL. */
    @Bean(destroyMethod = "dispose")
    @Primary
    public ConnectionPool connectionFactory(DatabaseProperties properties, DataSource migratedFirst) {
        PostgresqlConnectionFactory factory = new PostgresqlConnectionFactory(r2dbcConfiguration(properties));
        int size = properties.r2dbcPoolSize();
        return new ConnectionPool(ConnectionPoolConfiguration.builder(factory)
                .name("orders-r2dbc")
                // Set together: a pool with only max-size starts with a default initial size larger than it.
                .initialSize(Math.min(2, size))
                .maxSize(size)
                .maxIdleTime(Duration.ofMinutes(10))
                .build());
    }

    @Bean
    public DatabaseClient databaseClient(ConnectionFactory connectionFactory) {
        return DatabaseClient.create(connectionFactory);
    }

    /** Connection settings for dedicated, unpooled R2DBC connections (e.g. LISTEN). */
    public static PostgresqlConnectionConfiguration r2dbcConfiguration(DatabaseProperties properties) {
        URI uri = URI.create(properties.url().substring("jdbc:".length()));
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        PostgresqlConnectionConfiguration.Builder builder = PostgresqlConnectionConfiguration.builder()
                .host(uri.getHost())
                .port(uri.getPort() > 0 ? uri.getPort() : 5432)
                .database(database)
                .username(properties.username() == null ? "postgres" : properties.username());
        if (properties.password() != null) {
            builder.password(properties.password());
        }
        return builder.build();
    }

}
