package dev.orders.payment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the payment adapter reaches the provider ({@code orders.payment.*}); every limit has a default, only the
 * provider URL ({@code PAYMENT_PROVIDER_URL}) must be set.
 *
 * @param providerUrl    base URL of the provider's HTTP API
 * @param timeLimit      how long one attempt may take before it counts as a time-out
 * @param connectTimeout how long opening a connection may take
 * @param retry          retries of attempts that failed with 5xx, a time-out or an I/O error
 * @param circuitBreaker when to stop calling a provider that keeps failing
 * @param bulkhead       how many provider calls may run at once
 */
@ConfigurationProperties("orders.payment")
public record PaymentProperties(String providerUrl, Duration timeLimit, Duration connectTimeout, Retry retry,
                                CircuitBreaker circuitBreaker, Bulkhead bulkhead) {

    public PaymentProperties {
        if (providerUrl == null || providerUrl.isBlank()) {
            throw new IllegalStateException("orders.payment.provider-url (PAYMENT_PROVIDER_URL) is not set");
        }
        timeLimit = timeLimit == null ? Duration.ofSeconds(2) : timeLimit;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(1) : connectTimeout;
        retry = retry == null ? new Retry(null, null, null, null) : retry;
        circuitBreaker = circuitBreaker == null ? new CircuitBreaker(null, null, null, null, null) : circuitBreaker;
        bulkhead = bulkhead == null ? new Bulkhead(null, null) : bulkhead;
    }

    /** Defaults: the given URL and every limit at its default; for tests and hand-wiring. */
    public static PaymentProperties defaults(String providerUrl) {
        return new PaymentProperties(providerUrl, null, null, null, null, null);
    }

    /**
     * Exponential back-off with jitter between attempts.
     *
     * @param maxAttempts    attempts in all, the first included (default 3)
     * @param initialBackoff wait before the second attempt (default 200 ms)
     * @param multiplier     growth of the wait per attempt (default 2)
     * @param jitter         randomisation factor of each wait, 0..1 (default 0.5)
     */
    public record Retry(Integer maxAttempts, Duration initialBackoff, Double multiplier, Double jitter) {

        public Retry {
            maxAttempts = maxAttempts == null ? 3 : maxAttempts;
            initialBackoff = initialBackoff == null ? Duration.ofMillis(200) : initialBackoff;
            multiplier = multiplier == null ? 2.0 : multiplier;
            jitter = jitter == null ? 0.5 : jitter;
        }
    }

    /**
     * Count-based circuit breaker over provider outages (declines are answers, not failures).
     *
     * @param failureRateThreshold percentage of failed calls that opens the circuit (default 50)
     * @param slidingWindowSize    calls the rate is computed over (default 20)
     * @param minimumCalls         calls needed before the rate counts (default 10)
     * @param waitInOpenState      how long the circuit stays open before the next call probes (default 10 s)
     * @param halfOpenCalls        probing calls let through after the wait; the circuit closes when their failure
     *                             rate is below the threshold, else it opens again (default 10)
     */
    public record CircuitBreaker(Float failureRateThreshold, Integer slidingWindowSize, Integer minimumCalls,
                                 Duration waitInOpenState, Integer halfOpenCalls) {

        public CircuitBreaker {
            failureRateThreshold = failureRateThreshold == null ? 50f : failureRateThreshold;
            slidingWindowSize = slidingWindowSize == null ? 20 : slidingWindowSize;
            minimumCalls = minimumCalls == null ? 10 : minimumCalls;
            waitInOpenState = waitInOpenState == null ? Duration.ofSeconds(10) : waitInOpenState;
            halfOpenCalls = halfOpenCalls == null ? 10 : halfOpenCalls;
        }
    }

    /**
     * Caps concurrent provider calls.
     *
     * @param maxConcurrentCalls calls in flight at once (default 16)
     * @param maxWait            how long a call waits for a free slot (default 0: fail fast as unavailable;
     *                           waiting would park whichever thread subscribes, a Reactor thread on retries)
     */
    public record Bulkhead(Integer maxConcurrentCalls, Duration maxWait) {

        public Bulkhead {
            maxConcurrentCalls = maxConcurrentCalls == null ? 16 : maxConcurrentCalls;
            maxWait = maxWait == null ? Duration.ZERO : maxWait;
        }
    }
}
