package dev.orders.api.payment;

/** Why an authorisation did not succeed: the card was refused, or the provider could not be reached in time. */
public enum PaymentFailure {
    DECLINED, UNAVAILABLE
}
