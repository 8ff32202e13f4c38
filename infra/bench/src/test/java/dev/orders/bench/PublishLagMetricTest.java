package dev.orders.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class PublishLagMetricTest {

    @Test
    void readsCountSumAndMaxOfTheTimerAcrossItsSeries() {
        PublishLagMetric.Reading reading = PublishLagMetric.parse("""
                # TYPE orders_kafka_publish_lag_seconds histogram
                orders_kafka_publish_lag_seconds_bucket{topic="orders.events.v1",le="0.05"} 9
                orders_kafka_publish_lag_seconds_bucket{topic="orders.events.v1",le="+Inf"} 12
                orders_kafka_publish_lag_seconds_count{application="orders",topic="orders.events.v1"} 12
                orders_kafka_publish_lag_seconds_sum{application="orders",topic="orders.events.v1"} 0.5
                orders_kafka_publish_lag_seconds_count{note="a } in quotes",topic="other"} 3 1700000000000
                orders_kafka_publish_lag_seconds_sum{note="a } in quotes",topic="other"} 0.25
                orders_kafka_publish_lag_seconds_max{topic="orders.events.v1"} 0.2
                orders_kafka_publish_lag_seconds_max{topic="other"} 0.3
                orders_kafka_publish_lag_seconds_maximal_thing 99
                """);
        assertThat(reading.count()).isEqualTo(15);
        assertThat(reading.sumSeconds()).isEqualTo(0.75);
        assertThat(reading.maxSeconds()).isEqualTo(0.3);
        assertThat(reading.buckets()).containsEntry(0.05, 9L).containsEntry(Double.POSITIVE_INFINITY, 12L);
    }

    @Test
    void anExpositionWithoutTheTimerHasNoReading() {
        assertThat(PublishLagMetric.parse("jvm_threads_live_threads 30\n")).isNull();
    }

    @Test
    void theManagementBaseUrlGetsThePrometheusPath() {
        assertThat(new PublishLagMetric(URI.create("http://localhost:8081")).endpoint())
                .hasToString("http://localhost:8081/actuator/prometheus");
        assertThat(new PublishLagMetric(URI.create("http://localhost:8081/actuator/prometheus")).endpoint())
                .hasToString("http://localhost:8081/actuator/prometheus");
    }
}
