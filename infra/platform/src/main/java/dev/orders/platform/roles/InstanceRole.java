package dev.orders.platform.roles;

import java.util.Locale;

/**
 * What one instance of the artifact does. Every role must run in at least one instance for the system to work; any
 * subset may share a JVM ({@code orders.roles}, default all).
 */
public enum InstanceRole {

    /** The order command endpoints: place, cancel, ship and deliver. */
    COMMAND,
    /** The order view projection, the query, history, export, SSE and projection-rebuild endpoints. */
    QUERY,
    /** The fulfilment saga and its deadlines, the payment provider adapter, and the Kafka publisher. */
    SAGA,
    /** The catalogue projection and the product endpoints. */
    INVENTORY,
    /** The Kafka consumer that notifies customers, and the contact and notification-log endpoints. */
    NOTIFICATION;

    /** The name used in {@code orders.roles}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
