package dev.orders.platform.persistence;

/**
 * A module's own database schema and the Flyway location of its migrations. Each module declares one bean
 * of this type; the platform migrates every one of them, each with its own history table, before anything
 * else touches the database.
 */
public record ModuleSchema(String schema, String location) {
}
