package dev.orders.notification;

/** A notification that could not be delivered on its channel after the retry policy. */
final class DeliveryFailedException extends RuntimeException {

    private final int attempts;

    DeliveryFailedException(String message, Throwable cause, int attempts) {
        super(message, cause);
        this.attempts = attempts;
    }

    /** Attempts made: 0 when none was allowed, e.g. with the endpoint's circuit open. */
    int attempts() {
        return attempts;
    }

    /** The failure underneath, for the dead-letter headers: the cause when there is one. */
    Throwable rootFailure() {
        return getCause() != null ? getCause() : this;
    }
}
