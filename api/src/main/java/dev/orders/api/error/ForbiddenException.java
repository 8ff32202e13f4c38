package dev.orders.api.error;

/** The caller is known but may not do this, e.g. act for another customer. */
public final class ForbiddenException extends OrdersException {

    public ForbiddenException(String message) {
        super("forbidden", message);
    }
}
