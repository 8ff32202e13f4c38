package dev.orders.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OrderMixTest {

    private final List<String> skus = Catalogue.skus("BENCH-", 100);

    @Test
    void ordersHaveOneToMaxDistinctLinesWithinTheQuantityRange() {
        OrderMix mix = new OrderMix(skus, 1.0, 5, 3, Map.of("tok_approve", 1.0), 1);
        int[] lineCounts = new int[6];
        for (int i = 0; i < 5_000; i++) {
            OrderMix.Planned order = mix.next();
            lineCounts[order.lines().size()]++;
            assertThat(order.lines()).extracting(OrderMix.Line::sku).doesNotHaveDuplicates();
            assertThat(order.lines()).allSatisfy(line -> assertThat(line.quantity()).isBetween(1, 3));
        }
        assertThat(lineCounts[0]).isZero();
        for (int count = 1; count <= 5; count++) {
            assertThat(lineCounts[count]).as("orders with %d lines", count).isGreaterThan(800);
        }
    }

    @Test
    void paymentTokensFollowTheMix() {
        Map<String, Double> weights = new LinkedHashMap<>();
        weights.put("tok_approve", 0.9);
        weights.put("tok_decline", 0.1);
        OrderMix mix = new OrderMix(skus, 1.0, 2, 1, weights, 3);
        int declines = 0;
        for (int i = 0; i < 20_000; i++) {
            if (mix.next().paymentToken().equals("tok_decline")) {
                declines++;
            }
        }
        assertThat(declines / 20_000.0).isCloseTo(0.1, within(0.01));
    }

    @Test
    void theSameSeedGivesTheSameLoad() {
        OrderMix a = new OrderMix(skus, 1.0, 5, 3, Map.of("tok_approve", 1.0), 9);
        OrderMix b = new OrderMix(skus, 1.0, 5, 3, Map.of("tok_approve", 1.0), 9);
        for (int i = 0; i < 100; i++) {
            assertThat(a.next()).isEqualTo(b.next());
        }
    }

    @Test
    void theRequestBodyIsTheApisJsonWithoutACustomerId() {
        OrderMix.Planned order = new OrderMix.Planned(
                List.of(new OrderMix.Line("BENCH-00001", 2), new OrderMix.Line("BENCH-00042", 1)), "tok_decline");
        JsonNode json = JsonMapper.builder().build().readTree(order.json());
        // The instance takes the customer from the token; naming one would only risk a 403.
        assertThat(json.has("customerId")).isFalse();
        assertThat(json.path("paymentToken").asString()).isEqualTo("tok_decline");
        assertThat(json.path("lines")).hasSize(2);
        assertThat(json.path("lines").get(1).path("sku").asString()).isEqualTo("BENCH-00042");
        assertThat(json.path("lines").get(0).path("quantity").asInt()).isEqualTo(2);
    }
}
