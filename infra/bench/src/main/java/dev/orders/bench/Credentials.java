package dev.orders.bench;

import java.util.Map;
import java.util.Optional;

/** An account's e-mail and password, as sent to log in; the password never shows in a message or a report. */
record Credentials(String email, String password) {

    /** Where the operator's credentials come from: the environment only, never arguments others can read. */
    static final String OPS_EMAIL_ENV = "ORDERS_BENCH_OPS_EMAIL";
    static final String OPS_PASSWORD_ENV = "ORDERS_BENCH_OPS_PASSWORD";

    /** The operator account from the environment; empty when neither variable is set, an error when one is missing. */
    static Optional<Credentials> operatorFrom(Map<String, String> env) {
        String email = blankToNull(env.get(OPS_EMAIL_ENV));
        String password = blankToNull(env.get(OPS_PASSWORD_ENV));
        if (email == null && password == null) {
            return Optional.empty();
        }
        if (email == null || password == null) {
            throw new IllegalArgumentException((email == null ? OPS_EMAIL_ENV : OPS_PASSWORD_ENV)
                    + " is not set, but " + (email == null ? OPS_PASSWORD_ENV : OPS_EMAIL_ENV) + " is; set both");
        }
        return Optional.of(new Credentials(email.trim(), password));
    }

    @Override
    public String toString() {
        return "Credentials[email=" + email + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
