package dev.orders.api.error;

/** The addressed order, product or payment does not exist. */
public final class NotFoundException extends OrdersException {

    public NotFoundException(String what, Object id) {
        super("not-found", what + " " + id + " does not exist");
    }
}
