package dev.orders.notification;

/** How a customer is notified. */
public enum Channel {
    EMAIL, WEBHOOK
}
