package dev.orders.query;

import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The JSON stored in the jsonb columns; one mapper so that the projection writes what the query side reads. */
final class OrderViewJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<List<OrderView.Line>> LINES = new TypeReference<>() {
    };

    private OrderViewJson() {
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    static OrderView view(String json) {
        return MAPPER.readValue(json, OrderView.class);
    }

    static List<OrderView.Line> lines(String json) {
        return MAPPER.readValue(json, LINES);
    }
}
