package dev.orders.api.error;

/** The request collides with existing state, e.g. a product SKU that already exists. */
public final class ConflictException extends OrdersException {

    public ConflictException(String message) {
        super("conflict", message);
    }
}
