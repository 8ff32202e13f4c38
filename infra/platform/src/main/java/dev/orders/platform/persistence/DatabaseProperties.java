package dev.orders.platform.persistence;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the database is. One set of properties feeds both the JDBC pool (event store, Axon, projections) and
 * the R2DBC pool (the non-blocking query path), so operators configure the database once.
 */
@ConfigurationProperties("spring.datasource")
public record DatabaseProperties(String url, String username, String password, Integer maximumPoolSize,
                                 Integer r2dbcPoolSize) {

    public DatabaseProperties {
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("spring.datasource.url (SPRING_DATASOURCE_URL) is not set");
        }
        maximumPoolSize = maximumPoolSize == null ? 20 : maximumPoolSize;
        r2dbcPoolSize = r2dbcPoolSize == null ? 20 : r2dbcPoolSize;
    }
}
