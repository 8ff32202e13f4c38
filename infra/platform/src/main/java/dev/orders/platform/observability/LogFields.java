package dev.orders.platform.observability;

/** The names of the correlation fields in the logging context (MDC), and so in every JSON log line. */
public final class LogFields {

    public static final String TRACE_ID = "trace_id";
    public static final String SPAN_ID = "span_id";
    public static final String REQUEST_ID = "request_id";
    public static final String ORDER_ID = "order_id";

    private LogFields() {
    }
}
