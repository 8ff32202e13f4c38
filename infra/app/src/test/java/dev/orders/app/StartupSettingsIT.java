package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The real start-up path: a missing setting stops the application before any bean, with one readable message. */
@ExtendWith(OutputCaptureExtension.class)
class StartupSettingsIT {

    @Test
    void aQueryInstanceWithoutADatabaseStopsWithOneClearMessage(CapturedOutput output) {
        SpringApplicationBuilder application = new SpringApplicationBuilder(OrdersApplication.class)
                .properties(Map.of("orders.roles", "query", "PORT", "0"));

        assertThatThrownBy(application::run).isInstanceOf(StartupSettingsException.class);

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("Orders (roles query) cannot start: required settings are missing:")
                .contains("SPRING_DATASOURCE_URL (or DATABASE_URL)")
                .contains("ORDERS_JWT_SECRET (or ORDERS_JWT_JWKS_URI)")
                .contains("Set these environment variables")
                .doesNotContain("HikariPool");
    }
}
