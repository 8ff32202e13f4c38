package dev.orders.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void findsTheMetricsButNotFunctionsLabelsRangesOrGroupings() {
        assertThat(PromQl.metricNames("histogram_quantile(0.99, sum by (roles, le) "
                + "(rate(http_server_requests_seconds_bucket{uri!~\".*/updates\", status=\"500\"}[5m]))) > 1"))
                .containsExactly("http_server_requests_seconds_bucket");
        assertThat(PromQl.metricNames("min_over_time(orders_processor_lag[5m]) > 0 and "
                + "changes(orders_processor_position[5m]) == 0"))
                .containsExactly("orders_processor_lag", "orders_processor_position");
        assertThat(PromQl.metricNames("max by (name) (resilience4j_circuitbreaker_state{state=~\"open|half_open\"})"
                + " == 1 unless on (name) up")).containsExactly("resilience4j_circuitbreaker_state", "up");
    }
}
