package dev.orders.platform.observability;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Optional;

/** The order a message payload is about: its {@code orderId} record component, when it has one. */
final class OrderIds {

    private static final ClassValue<Optional<Method>> ACCESSORS = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            if (!type.isRecord()) {
                return Optional.empty();
            }
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getName().equals("orderId")) {
                    Method accessor = component.getAccessor();
                    accessor.setAccessible(true);
                    return Optional.of(accessor);
                }
            }
            return Optional.empty();
        }
    };

    private OrderIds() {
    }

    /** The order id as text, or {@code null} when the payload names no order. */
    static String of(Object payload) {
        if (payload == null) {
            return null;
        }
        return ACCESSORS.get(payload.getClass())
                .map(accessor -> {
                    try {
                        Object value = accessor.invoke(payload);
                        return value == null ? null : value.toString();
                    } catch (ReflectiveOperationException e) {
                        return null;
                    }
                })
                .orElse(null);
    }
}
