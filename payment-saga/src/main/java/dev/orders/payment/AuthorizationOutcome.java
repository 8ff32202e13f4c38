package dev.orders.payment;

/** What the provider made of an authorisation request, once the resilience policy is done with it. */
sealed interface AuthorizationOutcome {

    record Approved(String authorizationId) implements AuthorizationOutcome {
    }

    /** The provider answered and refused the card. */
    record Declined(String detail) implements AuthorizationOutcome {
    }

    /** No answer: 5xx, time-outs or an open circuit outlasted the retries. */
    record Unavailable(String detail) implements AuthorizationOutcome {
    }
}
