package dev.orders.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class KafkaSettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(KafkaSettings.class)
    static class Settings {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class);

    @Test
    void everythingButTheBrokersHasADefault() {
        context.withPropertyValues("orders.kafka.bootstrap-servers=kafka:9092").run(app -> {
            KafkaSettings settings = app.getBean(KafkaSettings.class);
            assertThat(settings.bootstrapServers()).isEqualTo("kafka:9092");
            assertThat(settings.clientId()).isEqualTo("orders");
            assertThat(settings.publishTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(settings.topic().partitions()).isEqualTo(3);
            assertThat(settings.topic().replicationFactor()).isEqualTo((short) 1);
            assertThat(settings.topic().retention()).isEqualTo(Duration.ofDays(30));
        });
    }

    @Test
    void topicLayoutIsTunable() {
        context.withPropertyValues("orders.kafka.bootstrap-servers=kafka:9092", "orders.kafka.topic.partitions=12",
                "orders.kafka.topic.replication-factor=3", "orders.kafka.topic.retention=P365D",
                "orders.kafka.publish-timeout=5s").run(app -> {
            KafkaSettings settings = app.getBean(KafkaSettings.class);
            assertThat(settings.topic().partitions()).isEqualTo(12);
            assertThat(settings.topic().replicationFactor()).isEqualTo((short) 3);
            assertThat(settings.topic().retention()).isEqualTo(Duration.ofDays(365));
            assertThat(settings.publishTimeout()).isEqualTo(Duration.ofSeconds(5));
        });
    }

    @Test
    void refusesToStartWithoutBrokers() {
        context.run(app -> assertThat(app).hasFailed()
                .getFailure().rootCause().hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS"));
        context.withPropertyValues("orders.kafka.bootstrap-servers=${KAFKA_BOOTSTRAP_SERVERS}")
                .run(app -> assertThat(app).hasFailed()
                        .getFailure().rootCause().hasMessageContaining("is not set"));
    }
}
