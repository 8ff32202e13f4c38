package dev.orders.bench;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event position an Axon tracking token (as stored in {@code axon.tokenentry}, serialized as JSON) has
 * reached: {@code {"index":123,"gaps":[...]}} for a GapAwareTrackingToken; a ReplayToken counts by its current
 * token; anything else by the first {@code index} found.
 */
final class TrackingTokens {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private TrackingTokens() {
    }

    static OptionalLong index(byte[] token) {
        return token == null ? OptionalLong.empty() : index(new String(token, StandardCharsets.UTF_8));
    }

    static OptionalLong index(String json) {
        if (json == null || json.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            return index(JSON.readTree(json));
        } catch (RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    private static OptionalLong index(JsonNode node) {
        if (node == null || !node.isObject()) {
            return OptionalLong.empty();
        }
        JsonNode index = node.get("index");
        if (index != null && index.isNumber()) {
            return OptionalLong.of(index.asLong());
        }
        JsonNode current = node.get("currentToken");
        if (current != null && current.isObject()) {
            return index(current);
        }
        Iterator<JsonNode> children = node.values().iterator();
        while (children.hasNext()) {
            OptionalLong found = index(children.next());
            if (found.isPresent()) {
                return found;
            }
        }
        return OptionalLong.empty();
    }
}
