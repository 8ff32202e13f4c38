package dev.orders.payment;

/** The provider refused a capture, void or refund with a 4xx; retrying the same request will not help. */
final class ProviderRefusedException extends RuntimeException {

    ProviderRefusedException(String operation, int status, String reason) {
        super("payment provider refused to " + operation + ": HTTP " + status + " " + reason, null, false, false);
    }
}
