package dev.orders.api.error;

/**
 * The one family of domain errors. Each kind maps to one HTTP status in one place (the platform's
 * problem-details handler); the message is written for the API client.
 */
public sealed class OrdersException extends RuntimeException
        permits NotFoundException, IllegalTransitionException, ConflictException, InvalidRequestException,
        ForbiddenException {

    private final String code;

    protected OrdersException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** A stable, machine-readable error code such as {@code illegal-transition}. */
    public String code() {
        return code;
    }
}
