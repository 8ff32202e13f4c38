package dev.orders.platform.metrics;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedTimeLimiterMetrics;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The resilience4j registries every guarded client registers its circuit breakers, retries, bulkheads and time
 * limiters in, so that each one shows up as {@code resilience4j_*} meters tagged with its name (e.g.
 * {@code resilience4j_circuitbreaker_state{name="payment-provider",state="closed"}}), also the ones a client creates
 * later, such as a webhook endpoint's breaker.
 */
public record ResilienceRegistries(CircuitBreakerRegistry circuitBreakers, RetryRegistry retries,
                                   BulkheadRegistry bulkheads, TimeLimiterRegistry timeLimiters) {

    /** Empty registries that report to no meter registry: for unit tests and hand-wiring. */
    public static ResilienceRegistries unmetered() {
        return new ResilienceRegistries(CircuitBreakerRegistry.ofDefaults(), RetryRegistry.ofDefaults(),
                BulkheadRegistry.ofDefaults(), TimeLimiterRegistry.ofDefaults());
    }

    /** Empty registries whose entries, present and future, report to {@code meters}. */
    public static ResilienceRegistries meteredBy(MeterRegistry meters) {
        ResilienceRegistries registries = unmetered();
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registries.circuitBreakers()).bindTo(meters);
        TaggedRetryMetrics.ofRetryRegistry(registries.retries()).bindTo(meters);
        TaggedBulkheadMetrics.ofBulkheadRegistry(registries.bulkheads()).bindTo(meters);
        TaggedTimeLimiterMetrics.ofTimeLimiterRegistry(registries.timeLimiters()).bindTo(meters);
        return registries;
    }
}
