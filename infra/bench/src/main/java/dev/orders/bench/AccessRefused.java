package dev.orders.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The instance refused the harness (401, 403, 429, or it has no local accounts). Going on would measure refusals, so
 * the run stops with this one message, which says what to set.
 */
final class AccessRefused extends RuntimeException {

    static final String RAISE_LIMITS = "start it with ORDERS_RATE_LIMIT_WRITES_PER_SECOND=100000"
            + " ORDERS_RATE_LIMIT_WRITE_BURST=100000 ORDERS_RATE_LIMIT_LOGINS_PER_MINUTE=100000 for a benchmark";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final int status;

    private AccessRefused(int status, String message) {
        super(message);
        this.status = status;
    }

    /** Whether an answer with this status stops the run when it comes with a token of the harness. */
    static boolean stopsTheRun(int status) {
        return status == 401 || status == 403 || status == 429;
    }

    /** A request made with an account's access token was refused. */
    static AccessRefused withToken(int status, String request, String body, TokenSession session) {
        String detail = detail(body);
        String head = "the instance answered " + status + " to " + request + " (" + detail + ")";
        if (status == 429) {
            return new AccessRefused(status, head + ": " + RAISE_LIMITS);
        }
        boolean operator = session.kind() == TokenSession.Kind.OPERATOR;
        if (status == 403) {
            return new AccessRefused(status, head + (operator
                    ? ": " + Credentials.OPS_EMAIL_ENV + "=" + session.email() + " must name an account with the OPS"
                    + " role (the one the instance creates from ORDERS_BOOTSTRAP_OPS_EMAIL, or one granted OPS)"
                    : ": a customer account the harness registered may not do this"));
        }
        return new AccessRefused(status, head + ": the " + (operator ? "operator's" : "customer's")
                + " access token was not accepted; the instance must issue its own tokens (no ORDERS_JWT_JWKS_URI)"
                + " and keep its ORDERS_JWT_SECRET for the whole run");
    }

    /** A login, registration or refresh was refused; {@code operator} when it was the operator's login. */
    static AccessRefused atAccounts(int status, String request, String body, String operatorEmail) {
        String detail = detail(body);
        String head = "the instance answered " + status + " to " + request + " (" + detail + ")";
        if (status == 404) {
            return new AccessRefused(status, head + ": it has no local accounts (it trusts an external identity"
                    + " provider, ORDERS_JWT_JWKS_URI); the harness needs an instance that registers and logs in"
                    + " accounts itself");
        }
        if (status == 429 && operatorEmail != null && detail.contains("failed logins")) {
            return new AccessRefused(status, head + ": the operator account " + operatorEmail + " is locked after"
                    + " failed logins; check " + Credentials.OPS_PASSWORD_ENV + " and try again later");
        }
        if (status == 429) {
            return new AccessRefused(status, head + ": " + RAISE_LIMITS);
        }
        if (operatorEmail != null && (status == 401 || status == 403)) {
            return new AccessRefused(status, head + ": set " + Credentials.OPS_EMAIL_ENV + " and "
                    + Credentials.OPS_PASSWORD_ENV + " to an OPS account of this instance (it creates one at start"
                    + " from ORDERS_BOOTSTRAP_OPS_EMAIL and ORDERS_BOOTSTRAP_OPS_PASSWORD); "
                    + Credentials.OPS_EMAIL_ENV + " is " + operatorEmail);
        }
        return new AccessRefused(status, head);
    }

    /** The operator logged in, but the account is not an operator. */
    static AccessRefused notOperator(String email, String roles) {
        return new AccessRefused(403, "the account " + Credentials.OPS_EMAIL_ENV + "=" + email + " has the roles "
                + roles + ", not OPS: set " + Credentials.OPS_EMAIL_ENV + " and " + Credentials.OPS_PASSWORD_ENV
                + " to an operator account (the instance creates one from ORDERS_BOOTSTRAP_OPS_EMAIL and"
                + " ORDERS_BOOTSTRAP_OPS_PASSWORD)");
    }

    /** The harness could not renew a session's token before it expired. */
    static AccessRefused renewalFailed(TokenSession session, String error) {
        return new AccessRefused(401, "the access token of " + session.email() + " expired: neither a refresh nor a"
                + " new login succeeded in time (" + error + ")");
    }

    /** The problem document's {@code detail}, or the start of whatever else the body is. */
    static String detail(String body) {
        if (body == null || body.isBlank()) {
            return "no details";
        }
        try {
            JsonNode detail = JSON.readTree(body).get("detail");
            if (detail != null && detail.isString()) {
                return detail.asString();
            }
        } catch (RuntimeException e) {
            // not JSON: show its start
        }
        return Catalogue.abbreviate(body);
    }
}
