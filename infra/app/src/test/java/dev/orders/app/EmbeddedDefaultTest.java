package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void startsNothingTheOperatorConfigured() {
        try (EmbeddedDefault embedded = EmbeddedDefault.startWhatIsMissing(Map.of(
                "SPRING_DATASOURCE_URL", "jdbc:postgresql://db/orders",
                "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "PAYMENT_PROVIDER_URL", "https://payments.example.com"), new String[0])) {
            assertThat(embedded.properties()).isEmpty();
        }
    }

    @Test
    void startsAPersistentKafkaBrokerWhenNoneIsConfigured(@TempDir Path dataDirectory) throws Exception {
        try (EmbeddedDefault embedded = EmbeddedDefault.startWhatIsMissing(Map.of(
                "SPRING_DATASOURCE_URL", "jdbc:postgresql://db/orders",
                "PAYMENT_PROVIDER_URL", "https://payments.example.com",
                "ORDERS_DATA_DIR", dataDirectory.toString(),
                "ORDERS_EMBEDDED_KAFKA_PORT", "0"), new String[0])) {
            Object bootstrapServers = embedded.properties().get("KAFKA_BOOTSTRAP_SERVERS");

            assertThat(embedded.properties()).containsOnlyKeys("KAFKA_BOOTSTRAP_SERVERS");
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
                assertThat(admin.describeCluster().nodes().get()).hasSize(1);
            }
            assertThat(Files.exists(dataDirectory.resolve("kafka/metadata/meta.properties"))).isTrue();
        }
    }

    @Test
    void startsNothingForAnInstanceOfASplitDeployment() {
        try (EmbeddedDefault embedded = EmbeddedDefault.startWhatIsMissing(Map.of("ORDERS_ROLES", "query,command"),
                new String[0])) {
            assertThat(embedded.properties()).isEmpty();
        }
    }

    @Test
    void startsNothingWhenTheEmbeddedDefaultIsSwitchedOffButStillReadsDatabaseUrl() {
        try (EmbeddedDefault embedded = EmbeddedDefault.startWhatIsMissing(Map.of("ORDERS_EMBEDDED", "false",
                "DATABASE_URL", "postgres://orders:secret@db:5432/orders"), new String[0])) {
            assertThat(embedded.properties()).containsOnlyKeys("spring.datasource.url", "spring.datasource.username",
                    "spring.datasource.password");
        }
    }

    @Test
    void appliesToAllRolesUnlessSwitchedOffByVariableOrArgument() {
        assertThat(EmbeddedDefault.applies(Map.of(), new String[0])).isTrue();
        assertThat(EmbeddedDefault.applies(Map.of("ORDERS_ROLES", "command,query,saga,inventory,notification"),
                new String[0])).isTrue();
        assertThat(EmbeddedDefault.applies(Map.of("ORDERS_ROLES", "saga"), new String[0])).isFalse();
        assertThat(EmbeddedDefault.applies(Map.of(), new String[] {"--orders.roles=inventory"})).isFalse();
        assertThat(EmbeddedDefault.applies(Map.of("ORDERS_EMBEDDED", "FALSE"), new String[0])).isFalse();
        assertThat(EmbeddedDefault.applies(Map.of("ORDERS_ROLES", "nonsense"), new String[0])).isFalse();
    }
}
