package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class StartupSettingsCheckTest {

    private final StartupSettingsCheck check = new StartupSettingsCheck();

    @Test
    void commandAndQueryNeedOnlyTheDatabaseAndTheTokenKey() {
        MockEnvironment environment = new MockEnvironment().withProperty("orders.roles", "command,query")
                // As application.yml reads it, with the variable unset.
                .withProperty("orders.security.jwt.secret", "");

        assertThatThrownBy(() -> check.check(environment))
                .isInstanceOf(StartupSettingsException.class)
                .hasMessage("Orders (roles command,query) cannot start: required settings are missing:"
                        + System.lineSeparator() + "  - SPRING_DATASOURCE_URL (or DATABASE_URL): the PostgreSQL "
                        + "database, e.g. jdbc:postgresql://db:5432/orders (needed by every role)"
                        + System.lineSeparator() + "  - ORDERS_JWT_SECRET (or ORDERS_JWT_JWKS_URI): the key of the "
                        + "access tokens, at least 32 bytes (or an identity provider's key set) (needed by every role)");
    }

    @Test
    void anIdentityProvidersKeySetStandsInForTheSecret() {
        MockEnvironment environment = new MockEnvironment().withProperty("orders.roles", "query")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/orders")
                .withProperty("orders.security.jwt.jwks-uri", "https://id.example.com/keys");

        assertThatCode(() -> check.check(environment)).doesNotThrowAnyException();
    }

    @Test
    void theSagaNamesEverythingItLacksAtOnce() {
        MockEnvironment environment = new MockEnvironment().withProperty("orders.roles", "saga")
                // As application.yml reads it, with the variable unset.
                .withProperty("orders.payment.provider-url", "${PAYMENT_PROVIDER_URL}");

        assertThatThrownBy(() -> check.check(environment))
                .isInstanceOf(StartupSettingsException.class)
                .hasMessageContainingAll("SPRING_DATASOURCE_URL", "KAFKA_BOOTSTRAP_SERVERS",
                        "PAYMENT_PROVIDER_URL: the payment provider's base URL (needed by the saga role)");
    }

    @Test
    void startsWhenItsRolesHaveWhatTheyNeed() {
        MockEnvironment environment = new MockEnvironment().withProperty("orders.roles", "notification")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/orders")
                .withProperty("orders.security.jwt.secret", "a-secret-of-at-least-thirty-two-bytes")
                .withProperty("orders.kafka.bootstrap-servers", "kafka:9092");

        assertThatCode(() -> check.check(environment))
                .doesNotThrowAnyException();
    }

    @Test
    void theAxonServerProfileNeedsItsServers() {
        MockEnvironment environment = new MockEnvironment().withProperty("orders.roles", "query")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/orders")
                .withProperty("orders.security.jwt.secret", "a-secret-of-at-least-thirty-two-bytes");
        environment.setActiveProfiles("axonserver");

        assertThatThrownBy(() -> check.check(environment))
                .isInstanceOf(StartupSettingsException.class)
                .hasMessageContaining("AXON_AXONSERVER_SERVERS: Axon Server's host:port list")
                .hasMessageContaining("(needed by the axonserver profile)")
                .hasMessageNotContaining("SPRING_DATASOURCE_URL");
    }

    @Test
    void anUnknownRoleStopsTheStartWithTheKnownOnes() {
        MockEnvironment environment = new MockEnvironment().withProperty("orders.roles", "command,billing");

        assertThatThrownBy(() -> check.check(environment))
                .isInstanceOf(StartupSettingsException.class)
                .hasMessageContaining("unknown role 'billing'")
                .satisfies(e -> assertThat(((StartupSettingsException) e).action())
                        .contains("command,query,saga,inventory,notification"));
    }
}
