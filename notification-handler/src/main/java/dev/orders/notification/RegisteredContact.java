package dev.orders.notification;

/**
 * A customer's contact as just registered, with the secret that signs the webhook requests. Only the registration
 * answers with the secret: it was generated on the customer's first registration and stays the same afterwards.
 */
public record RegisteredContact(String customerId, String email, String webhookUrl, String webhookSecret) {
}
