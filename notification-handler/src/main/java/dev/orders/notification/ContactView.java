package dev.orders.notification;

/** Where a customer's notifications go; the webhook secret is never shown here. */
public record ContactView(String customerId, String email, String webhookUrl) {
}
