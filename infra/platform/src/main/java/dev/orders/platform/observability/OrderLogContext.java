package dev.orders.platform.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Puts the order a message is about (when it names one) and the current trace into the logging context while the
 * message is handled, and restores what was there before (at DEBUG it also logs each message it sees). Event processors and sagas run on their own threads, where
 * no HTTP request left anything behind; on a request's thread the trace ids become those of the handler's span.
 */
class OrderLogContext implements MessageHandlerInterceptor<Message<?>> {

    private static final Logger log = LoggerFactory.getLogger(OrderLogContext.class);

    @Override
    public Object handle(UnitOfWork<? extends Message<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        Map<String, String> previous = new HashMap<>(4);
        String orderId = OrderIds.of(unitOfWork.getMessage().getPayload());
        if (orderId != null) {
            put(previous, LogFields.ORDER_ID, orderId);
        }
        Object requestId = unitOfWork.getMessage().getMetaData().get(LogFields.REQUEST_ID);
        if (requestId != null && MDC.get(LogFields.REQUEST_ID) == null) {
            // A command sent for an HTTP request, handled on the command bus's thread (see ReactiveGateway).
            put(previous, LogFields.REQUEST_ID, requestId.toString());
        }
        SpanContext span = Span.current().getSpanContext();
        if (span.isValid()) {
            put(previous, LogFields.TRACE_ID, span.getTraceId());
            put(previous, LogFields.SPAN_ID, span.getSpanId());
        }
        try {
            if (log.isDebugEnabled()) {
                log.debug("Handling {}", unitOfWork.getMessage().getPayloadType().getSimpleName());
            }
            return interceptorChain.proceed();
        } finally {
            previous.forEach(OrderLogContext::restore);
        }
    }

    private static void put(Map<String, String> previous, String key, String value) {
        previous.put(key, MDC.get(key));
        MDC.put(key, value);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
