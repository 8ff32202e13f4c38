package dev.orders.deploy;

import java.util.List;
import java.util.Map;

/** Typed access into parsed YAML: {@code Nodes.map(object, "spec", "template")}; absent paths give empty values. */
final class Nodes {

    private Nodes() {
    }

    static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String... path) {
        Object value = at(node, path);
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String... path) {
        Object value = at(node, path);
        return value instanceof List<?> ? (List<Object>) value : List.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object node, String... path) {
        return list(node, path).stream().filter(Map.class::isInstance).map(item -> (Map<String, Object>) item)
                .toList();
    }

    static String string(Object node, String... path) {
        Object value = at(node, path);
        return value == null ? null : value.toString();
    }

    static String kind(Map<String, Object> object) {
        return string(object, "kind");
    }

    static String name(Map<String, Object> object) {
        return string(object, "metadata", "name");
    }

    static String describe(Map<String, Object> object) {
        return kind(object) + "/" + name(object);
    }
}
