package dev.orders.platform.observability;

import dev.orders.platform.edge.RequestIdFilter;
import io.micrometer.context.ThreadLocalAccessor;
import org.slf4j.MDC;

/**
 * The request id (Reactor context key {@link RequestIdFilter#ATTRIBUTE}) as the logging context's
 * {@code request_id} wherever Reactor's context is restored onto a thread. Registered through
 * {@code META-INF/services}.
 */
public final class RequestIdAccessor implements ThreadLocalAccessor<String> {

    @Override
    public Object key() {
        return RequestIdFilter.ATTRIBUTE;
    }

    @Override
    public String getValue() {
        return MDC.get(LogFields.REQUEST_ID);
    }

    @Override
    public void setValue(String value) {
        MDC.put(LogFields.REQUEST_ID, value);
    }

    @Override
    public void setValue() {
        MDC.remove(LogFields.REQUEST_ID);
    }
}
