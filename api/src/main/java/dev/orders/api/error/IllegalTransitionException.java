package dev.orders.api.error;

/** The requested step is not allowed from the aggregate's current state, e.g. shipping a cancelled order. */
public final class IllegalTransitionException extends OrdersException {

    public IllegalTransitionException(String message) {
        super("illegal-transition", message);
    }
}
