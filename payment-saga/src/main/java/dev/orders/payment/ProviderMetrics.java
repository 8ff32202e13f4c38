package dev.orders.payment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The payment provider's meters, tagged {@code operation} ({@code authorize}, {@code capture}, {@code void},
 * {@code refund}) and {@code outcome}: the timer {@code orders.payment.provider.requests} times each call as the
 * saga sees it, retries and back-off included; the counter {@code orders.payment.provider.attempts} counts each HTTP
 * attempt, so attempts per request is the retry rate. Outcomes: {@code approved} / {@code declined} (authorize),
 * {@code succeeded} / {@code refused} (other steps; a 4xx answer), {@code unavailable} (5xx), {@code timeout},
 * {@code unreachable} (connection failed), {@code circuit_open}, {@code bulkhead_full}, {@code error}.
 */
final class ProviderMetrics {

    static final String REQUESTS = "orders.payment.provider.requests";
    static final String ATTEMPTS = "orders.payment.provider.attempts";

    private final MeterRegistry meters;

    ProviderMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Times a whole call (every attempt and wait) and tags it with how it ended. */
    <T> Mono<T> timed(String operation, Function<T, String> outcome, Mono<T> call) {
        return Mono.defer(() -> {
            Timer.Sample sample = Timer.start(meters);
            return call.doOnSuccess(result -> sample.stop(timer(operation, result == null ? "succeeded"
                            : outcome.apply(result))))
                    .doOnError(failure -> sample.stop(timer(operation, outcomeOf(failure))));
        });
    }

    /** Counts one attempt and how it ended. */
    <T> Mono<T> counted(String operation, Function<T, String> outcome, Mono<T> attempt) {
        return attempt.doOnSuccess(result -> counter(operation, result == null ? "succeeded"
                        : outcome.apply(result)).increment())
                .doOnError(failure -> counter(operation, outcomeOf(failure)).increment());
    }

    static String outcomeOf(Throwable failure) {
        return ProviderFailure.of(failure).tag();
    }

    private Timer timer(String operation, String outcome) {
        return Timer.builder(REQUESTS)
                .description("Payment provider calls as the saga sees them, retries and back-off included")
                .tags("operation", operation, "outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(meters);
    }

    private Counter counter(String operation, String outcome) {
        return Counter.builder(ATTEMPTS)
                .description("HTTP attempts at the payment provider (more than requests: retries)")
                .tags("operation", operation, "outcome", outcome)
                .register(meters);
    }
}
