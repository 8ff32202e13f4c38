package dev.orders.query;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Keeps payment tokens in the process: every {@code paymentToken} property, at any depth, is left out. */
final class Redaction {

    static final String PAYMENT_TOKEN = "paymentToken";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Redaction() {
    }

    /** Copies the JSON value at the parser's current token without the secrets; the parser ends on its last token. */
    static void copy(JsonParser parser, JsonGenerator generator) {
        int depth = 0;
        JsonToken token = parser.currentToken();
        while (token != null) {
            if (token == JsonToken.PROPERTY_NAME && PAYMENT_TOKEN.equals(parser.currentName())) {
                parser.nextToken();
                parser.skipChildren();
            } else {
                generator.copyCurrentEventExact(parser);
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                }
            }
            if (depth == 0) {
                return;
            }
            token = parser.nextToken();
        }
    }

    /** The object as a JSON tree without the secrets. */
    static JsonNode tree(Object value) {
        JsonNode tree = MAPPER.valueToTree(value);
        strip(tree);
        return tree;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(PAYMENT_TOKEN);
        }
        for (JsonNode child : node) {
            strip(child);
        }
    }
}
