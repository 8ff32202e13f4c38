package dev.orders.api.error;

/** The request is well-formed but cannot be honoured, e.g. an unknown SKU or mixed currencies. */
public final class InvalidRequestException extends OrdersException {

    public InvalidRequestException(String message) {
        super("invalid-request", message);
    }
}
