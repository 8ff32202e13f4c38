package dev.orders.payment;

/** The provider answered with a 5xx: nothing happened there, so the call may be retried. */
final class ProviderUnavailableException extends RuntimeException {

    ProviderUnavailableException(int status) {
        super("payment provider answered HTTP " + status, null, false, false);
    }
}
