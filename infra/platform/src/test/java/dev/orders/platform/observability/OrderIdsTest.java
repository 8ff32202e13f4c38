package dev.orders.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderIdsTest {

    record AboutAnOrder(UUID orderId, String note) {
    }

    record AboutStock(String sku) {
    }

    @Test
    void readsTheOrderIdOfARecordThatHasOne() {
        UUID orderId = UUID.randomUUID();
        assertThat(OrderIds.of(new AboutAnOrder(orderId, "x"))).isEqualTo(orderId.toString());
    }

    @Test
    void namesNoOrderForOtherPayloads() {
        assertThat(OrderIds.of(new AboutStock("MUG-1"))).isNull();
        assertThat(OrderIds.of(new AboutAnOrder(null, "x"))).isNull();
        assertThat(OrderIds.of("text")).isNull();
        assertThat(OrderIds.of(null)).isNull();
    }
}
