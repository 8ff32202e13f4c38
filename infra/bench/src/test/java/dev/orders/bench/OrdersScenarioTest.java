package dev.orders.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrdersScenarioTest {

    @Test
    void rejectionDetailsGroupAcrossSkusIdsAndNumbers() {
        String a = OrdersScenario.normaliseDetail("SKU BENCH-00003 could not be reserved: An imminent deadlock was "
                + "detected while attempting to acquire a lock");
        String b = OrdersScenario.normaliseDetail("SKU BENCH-00020 could not be reserved: An imminent deadlock was "
                + "detected while attempting to acquire a lock");
        assertThat(a).isEqualTo(b).startsWith("SKU <sku> could not be reserved");
        assertThat(OrdersScenario.normaliseDetail("order 6f1c2a4e-0d54-34eb-9427-1adb02e20441 waited 30 s"))
                .isEqualTo("order <id> waited <n> s");
        assertThat(OrdersScenario.normaliseDetail(null)).isEqualTo("-");
    }
}
