package dev.orders.payment;

/** Where a payment is; a "requested" state means the provider has not answered yet. */
enum PaymentStatus {
    AUTHORIZATION_REQUESTED, AUTHORIZED, DECLINED, CAPTURE_REQUESTED, CAPTURED, VOID_REQUESTED, VOIDED,
    REFUND_REQUESTED, REFUNDED
}
