package dev.orders.notification;

/** A record that no retry can help: its headers or value do not follow the topic's contract. */
final class UnprocessableRecordException extends RuntimeException {

    UnprocessableRecordException(String message) {
        super(message);
    }

    UnprocessableRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
