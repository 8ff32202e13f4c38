package dev.orders.faults;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The operator the instances create at start, and the customers the suite registers, with their tokens. */
final class SuiteAccounts {

    static final String OPS_EMAIL = "ops@faults.local";
    // Only for the suite's own throw-away instances on loopback ports.
    static final String OPS_PASSWORD = "reliability-suite-operator";
    private static final String CUSTOMER_PASSWORD = "reliability-suite-customer";

    private final String operatorToken;
    private final List<Customer> customers;

    private SuiteAccounts(String operatorToken, List<Customer> customers) {
        this.operatorToken = operatorToken;
        this.customers = customers;
    }

    /** Logs the operator in; registers {@code count} customers with webhook contacts at {@code webhookUrl}. */
    static SuiteAccounts open(Http http, String baseUrl, String runId, int count, String webhookUrl)
            throws IOException {
        String ops = login(http, baseUrl, OPS_EMAIL, OPS_PASSWORD);
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String email = "faults-" + runId + "-" + i + "@example.com";
            Http.Answer registered = http.send("POST", baseUrl + "/api/v1/auth/register", null,
                    Http.json(Map.of("email", email, "password", CUSTOMER_PASSWORD)), Map.of());
            if (registered.status() != 201) {
                throw new IOException("register answered " + registered.status() + ": " + registered.body());
            }
            String id = registered.json().path("id").asString();
            String token = login(http, baseUrl, email, CUSTOMER_PASSWORD);
            Http.Answer contact = http.send("PUT", baseUrl + "/api/v1/notifications/contacts/" + id, token,
                    Http.json(Map.of("webhookUrl", webhookUrl)), Map.of());
            if (!contact.ok()) {
                throw new IOException("webhook contact answered " + contact.status() + ": " + contact.body());
            }
            customers.add(new Customer(id, token));
        }
        return new SuiteAccounts(ops, customers);
    }

    static String login(Http http, String baseUrl, String email, String password) throws IOException {
        Http.Answer answer = http.send("POST", baseUrl + "/api/v1/auth/login", null,
                Http.json(Map.of("email", email, "password", password)), Map.of());
        if (answer.status() != 200) {
            throw new IOException("login of " + email + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.json().path("accessToken").asString();
    }

    String operatorToken() {
        return operatorToken;
    }

    List<Customer> customers() {
        return customers;
    }

    /** A customer account: its id (the orders' customer id) and an access token. */
    record Customer(String id, String token) {
    }
}
