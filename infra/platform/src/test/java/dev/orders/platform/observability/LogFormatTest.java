package dev.orders.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class LogFormatTest {

    @Test
    void jsonMeansElasticCommonSchemaAndConsoleMeansReadableLines() {
        assertThat(LogFormat.structuredFormat("json")).isEqualTo("ecs");
        assertThat(LogFormat.structuredFormat(" JSON ")).isEqualTo("ecs");
        assertThat(LogFormat.structuredFormat("logstash")).isEqualTo("logstash");
        assertThat(LogFormat.structuredFormat("console")).isNull();
    }

    @Test
    void refusesAFormatItDoesNotKnow() {
        assertThatThrownBy(() -> LogFormat.structuredFormat("xml"))
                .hasMessageContaining("ORDERS_LOG_FORMAT").hasMessageContaining("xml");
    }

    @Test
    void setsBootsStructuredConsoleFormatFromTheVariable() {
        assertThat(formatWith(Map.of("ORDERS_LOG_FORMAT", "json"))).isEqualTo("ecs");
        assertThat(formatWith(Map.of("ORDERS_LOG_FORMAT", "console"))).isNull();
        assertThat(formatWith(Map.of())).isNull();
    }

    @Test
    void anExplicitStructuredFormatWins() {
        assertThat(formatWith(Map.of("ORDERS_LOG_FORMAT", "json", LogFormat.STRUCTURED_FORMAT, "logstash")))
                .isEqualTo("logstash");
    }

    private static String formatWith(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        new LogFormat().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty(LogFormat.STRUCTURED_FORMAT);
    }
}
