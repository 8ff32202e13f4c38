package dev.orders.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.api.Money;
import dev.orders.api.order.OrderEvent.OrderPlaced;
import dev.orders.api.order.OrderLine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

class RedactionTest {

    private static final JsonFactory JSON = new JsonFactory();

    @Test
    void copyLeavesOutPaymentTokensAtAnyDepthAndKeepsEverythingElseExactly() {
        String payload = """
                {"paymentToken":"tok_1","orderId":"o-1","amount":12345678901234567890.125,
                 "nested":{"paymentToken":{"kind":"card","last4":"4242"},"keep":[1,{"paymentToken":null,"x":true}]},
                 "list":[{"paymentToken":["a","b"]}],"note":"paymentToken"}""";

        assertThat(copy(payload)).isEqualTo("{\"orderId\":\"o-1\",\"amount\":12345678901234567890.125,"
                + "\"nested\":{\"keep\":[1,{\"x\":true}]},\"list\":[{}],\"note\":\"paymentToken\"}");
    }

    @Test
    void copyHandlesScalarsAndEmptyStructures() {
        assertThat(copy("42")).isEqualTo("42");
        assertThat(copy("\"text\"")).isEqualTo("\"text\"");
        assertThat(copy("{}")).isEqualTo("{}");
        assertThat(copy("[[],{}]")).isEqualTo("[[],{}]");
    }

    @Test
    void treeOfAnEventHasNoPaymentToken() {
        OrderPlaced placed = new OrderPlaced(UUID.randomUUID(), "alice",
                List.of(new OrderLine("SKU-1", 1, new Money(100, "EUR"))), new Money(100, "EUR"), "tok_secret");

        var tree = Redaction.tree(placed);

        assertThat(tree.toString()).doesNotContain("tok_secret");
        assertThat(tree.properties().stream().map(Map.Entry::getKey))
                .containsExactly("orderId", "customerId", "lines", "total");
    }

    private static String copy(String json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), json.getBytes(StandardCharsets.UTF_8));
             JsonGenerator generator = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            parser.nextToken();
            Redaction.copy(parser, generator);
            assertThat(parser.nextToken()).as("nothing left after the copied value").isNull();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
