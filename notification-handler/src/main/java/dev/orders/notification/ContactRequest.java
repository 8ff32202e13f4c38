package dev.orders.notification;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

/**
 * Where a customer wants to be notified; a field left out (or null) turns that channel off for the customer.
 *
 * @param email      an e-mail address
 * @param webhookUrl an absolute http or https URL that receives signed POST requests
 */
public record ContactRequest(
        @Email(regexp = "[^\\s@]+@[^\\s@]+", message = "must be a well-formed e-mail address")
        @Size(max = 254) String email,
        @WebhookUrl @Size(max = 2048) String webhookUrl) {
}
