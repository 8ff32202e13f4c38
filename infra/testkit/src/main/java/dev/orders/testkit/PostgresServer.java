package dev.orders.testkit;

/** A running PostgreSQL server and how to reach it. */
public interface PostgresServer extends AutoCloseable {

    String jdbcUrl();

    String username();

    String password();

    @Override
    void close();
}
