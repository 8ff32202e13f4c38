package dev.orders.payment;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.util.concurrent.TimeoutException;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/** How a call to the payment provider failed: its {@code outcome} tag on the meters, and how a rejection says it. */
enum ProviderFailure {

    UNAVAILABLE("unavailable", null),
    TIMEOUT("timeout", "payment provider did not answer in time"),
    UNREACHABLE("unreachable", "payment provider could not be reached"),
    CIRCUIT_OPEN("circuit_open", "payment provider circuit is open"),
    BULKHEAD_FULL("bulkhead_full", "too many concurrent payment provider calls"),
    OTHER("error", null);

    private final String tag;
    private final String description;

    ProviderFailure(String tag, String description) {
        this.tag = tag;
        this.description = description;
    }

    static ProviderFailure of(Throwable failure) {
        if (failure instanceof ProviderUnavailableException) {
            return UNAVAILABLE;
        }
        if (failure instanceof TimeoutException) {
            return TIMEOUT;
        }
        if (failure instanceof WebClientRequestException) {
            return UNREACHABLE;
        }
        if (failure instanceof CallNotPermittedException) {
            return CIRCUIT_OPEN;
        }
        if (failure instanceof BulkheadFullException) {
            return BULKHEAD_FULL;
        }
        return OTHER;
    }

    String tag() {
        return tag;
    }

    /** The failure in words; a provider's own answer (a 5xx) and unexpected errors speak for themselves. */
    String describe(Throwable failure) {
        return description == null ? failure.getMessage() : description;
    }
}
