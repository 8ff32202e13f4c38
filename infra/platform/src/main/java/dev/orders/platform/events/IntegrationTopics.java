package dev.orders.platform.events;

/** Names of the Kafka topics this system owns. */
public final class IntegrationTopics {

    /** Every domain event, keyed by aggregate id, in each aggregate's sequence order. */
    public static final String ORDER_EVENTS = "orders.events.v1";

    /** Where consumers park records of {@link #ORDER_EVENTS} they cannot process. */
    public static final String ORDER_EVENTS_DLT = "orders.events.v1.dlt";

    private IntegrationTopics() {
    }

    /** Present once the topics exist; beans that use them depend on it. */
    public static final class Ensured {
    }
}
