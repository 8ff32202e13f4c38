package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedDefaultTest {

    @Test
    void translatesDatabaseUrlIntoJdbcSettingsKeepingParametersAndDecodingThePassword() {
        Map<String, Object> settings = EmbeddedDefault.fromDatabaseUrl(
                "postgres://orders:p%40ss+w%3Ard@db.internal:6543/orders?sslmode=require");

        assertThat(settings)
                .containsEntry("spring.datasource.url", "jdbc:postgresql://db.internal:6543/orders?sslmode=require")
                .containsEntry("spring.datasource.username", "orders")
                .containsEntry("spring.datasource.password", "p@ss+w:rd");
    }

    @Test
    void defaultsThePortAndLeavesCredentialsToOtherSettingsWhenAbsent() {
        Map<String, Object> settings = EmbeddedDefault.fromDatabaseUrl("postgresql://db/orders");

        assertThat(settings).containsOnlyKeys("spring.datasource.url")
                .containsEntry("spring.datasource.url", "jdbc:postgresql://db:5432/orders");
    }
}
