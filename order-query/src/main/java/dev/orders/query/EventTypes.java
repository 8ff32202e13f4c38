package dev.orders.query;

import dev.orders.api.inventory.InventoryEvent;
import dev.orders.api.order.OrderEvent;
import dev.orders.api.payment.PaymentEvent;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The domain event types of the published language by simple name ({@code OrderPlaced}), and how the event store
 * names them: the serializer stores the binary class name ({@code dev.orders.api.order.OrderEvent$OrderPlaced}).
 */
final class EventTypes {

    private static final Map<String, Class<?>> BY_SIMPLE_NAME = new TreeMap<>();

    static {
        Stream.of(OrderEvent.class, InventoryEvent.class, PaymentEvent.class)
                .flatMap(family -> Arrays.stream(family.getPermittedSubclasses()))
                .forEach(type -> BY_SIMPLE_NAME.put(type.getSimpleName(), type));
    }

    private EventTypes() {
    }

    /** Every known simple name, sorted. */
    static Set<String> simpleNames() {
        return BY_SIMPLE_NAME.keySet();
    }

    /** The stored payload type of a simple name; null when no such event type exists. */
    static String storedType(String simpleName) {
        Class<?> type = BY_SIMPLE_NAME.get(simpleName);
        return type == null ? null : type.getName();
    }

    /** {@code OrderPlaced} for {@code dev.orders.api.order.OrderEvent$OrderPlaced}. */
    static String simpleName(String storedType) {
        int cut = Math.max(storedType.lastIndexOf('.'), storedType.lastIndexOf('$'));
        return storedType.substring(cut + 1);
    }
}
