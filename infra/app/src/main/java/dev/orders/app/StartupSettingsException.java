package dev.orders.app;

/** The instance is configured so that it must not start; the message says what is wrong, the action how to fix it. */
final class StartupSettingsException extends IllegalStateException {

    private final String action;

    StartupSettingsException(String description, String action) {
        super(description);
        this.action = action;
    }

    String action() {
        return action;
    }
}
