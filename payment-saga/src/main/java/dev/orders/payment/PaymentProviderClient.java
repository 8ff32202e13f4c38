package dev.orders.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.orders.api.Money;
import dev.orders.platform.observability.Traces;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import dev.orders.platform.metrics.ResilienceRegistries;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.ChannelOption;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The provider's HTTP API behind one resilience policy. Every call carries an {@code Idempotency-Key} made of
 * the payment id and the operation, so a retry, a redelivered event or a second instance never charges twice.
 * Attempts are limited in time, retried with jittered exponential back-off on 5xx, time-outs and I/O errors
 * only, counted by a circuit breaker and capped by a bulkhead. Every attempt is a client span in the trace of the
 * caller (the event handler's span) and sends it on as {@code traceparent}, retries on timer threads included.
 *
 * <p>Retrying is safe because every call is idempotent at the provider: a repeated {@code Idempotency-Key} gets the
 * first final answer and changes nothing, so an attempt that did reach the provider but whose answer was lost (a
 * time-out, a connection reset) is answered again instead of authorising or capturing a second time. A 4xx answer
 * (declined, refused) is final and never retried. The policy's parts are registered in the shared
 * {@link ResilienceRegistries} under the name {@code payment-provider}, so their state is on the metrics endpoint.
 */
class PaymentProviderClient {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String NAME = "payment-provider";

    private final WebClient webClient;
    private final TimeLimiter timeLimiter;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;
    private final Bulkhead bulkhead;
    private final ProviderMetrics metrics;

    PaymentProviderClient(WebClient webClient, PaymentProperties properties, ResilienceRegistries registries,
                          MeterRegistry meters) {
        this.webClient = webClient;
        this.metrics = new ProviderMetrics(meters);
        this.timeLimiter = registries.timeLimiters().timeLimiter(NAME, TimeLimiterConfig.custom()
                .timeoutDuration(properties.timeLimit())
                .build());
        PaymentProperties.CircuitBreaker breaker = properties.circuitBreaker();
        this.circuitBreaker = registries.circuitBreakers().circuitBreaker(NAME, CircuitBreakerConfig.custom()
                .failureRateThreshold(breaker.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breaker.slidingWindowSize())
                .minimumNumberOfCalls(breaker.minimumCalls())
                .waitDurationInOpenState(breaker.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(breaker.halfOpenCalls())
                // A decline is an answer, not an outage.
                .recordException(PaymentProviderClient::isOutage)
                .build());
        PaymentProperties.Retry retries = properties.retry();
        this.retry = registries.retries().retry(NAME, RetryConfig.custom()
                .maxAttempts(retries.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(retries.initialBackoff(),
                        retries.multiplier(), retries.jitter()))
                .retryOnException(PaymentProviderClient::isOutage)
                .build());
        this.bulkhead = registries.bulkheads().bulkhead(NAME, BulkheadConfig.custom()
                .maxConcurrentCalls(properties.bulkhead().maxConcurrentCalls())
                .maxWaitDuration(properties.bulkhead().maxWait())
                .build());
    }

    /** An unmetered client, for tests: its policy reports to no registry of the application. */
    static PaymentProviderClient create(WebClient.Builder builder, PaymentProperties properties) {
        return create(builder, properties, ResilienceRegistries.unmetered(), new SimpleMeterRegistry());
    }

    /**
     * A client for {@code properties.providerUrl()} on reactor-netty, with the configured connect time-out, built
     * from {@code builder} (Boot's, so that {@code http.client.requests} records its calls).
     */
    static PaymentProviderClient create(WebClient.Builder builder, PaymentProperties properties,
                                        ResilienceRegistries registries, MeterRegistry meters) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(properties.connectTimeout().toMillis()));
        WebClient webClient = builder.clone()
                .baseUrl(properties.providerUrl())
                .clientConnector(new ReactorClientHttpConnector(http))
                .build();
        return new PaymentProviderClient(webClient, properties, registries, meters);
    }

    /** Asks for an authorisation; never fails: outages after the policy become {@code Unavailable}. */
    Mono<AuthorizationOutcome> authorize(UUID paymentId, Money amount, String paymentToken) {
        Map<String, Object> body = Map.of("paymentId", paymentId.toString(), "amountCents", amount.cents(),
                "currency", amount.currency(), "token", paymentToken);
        return guarded("authorize", post("/v1/authorizations", key(paymentId, "authorize"), body))
                .map(answer -> answer.isSuccess()
                        ? new AuthorizationOutcome.Approved(answer.body().authorizationId() != null
                                ? answer.body().authorizationId() : key(paymentId, "authorize"))
                        : (AuthorizationOutcome) new AuthorizationOutcome.Declined(answer.reason()))
                .onErrorResume(PaymentProviderClient::isUnavailability,
                        failure -> Mono.just(new AuthorizationOutcome.Unavailable(describe(failure))));
    }

    /** Captures the authorised amount; fails when the provider refuses or stays unavailable. */
    Mono<Void> capture(UUID paymentId, Money amount) {
        return step(paymentId, "capture", Map.of("amountCents", amount.cents(), "currency", amount.currency()))
                .flatMap(answer -> answer.isSuccess() ? Mono.<Void>empty()
                        : Mono.error(new ProviderRefusedException("capture", answer.status(), answer.reason())));
    }

    /** Releases an authorisation; a payment the provider does not hold (404/409) has nothing to release. */
    Mono<Void> voidAuthorization(UUID paymentId) {
        return step(paymentId, "void", Map.of())
                .flatMap(answer -> answer.isSuccess() || answer.status() == HttpStatus.NOT_FOUND.value()
                        || answer.status() == HttpStatus.CONFLICT.value() ? Mono.<Void>empty()
                        : Mono.error(new ProviderRefusedException("void", answer.status(), answer.reason())));
    }

    /** Refunds a captured payment in full. */
    Mono<Void> refund(UUID paymentId, Money amount) {
        return step(paymentId, "refund", Map.of("amountCents", amount.cents(), "currency", amount.currency()))
                .flatMap(answer -> answer.isSuccess() ? Mono.<Void>empty()
                        : Mono.error(new ProviderRefusedException("refund", answer.status(), answer.reason())));
    }

    CircuitBreaker.State circuitState() {
        return circuitBreaker.getState();
    }

    static String key(UUID paymentId, String operation) {
        return paymentId + ":" + operation;
    }

    private Mono<Answer> step(UUID paymentId, String operation, Map<String, Object> body) {
        // A URI template, not a concatenated path: http.client.requests tags the template, one series per step.
        return guarded(operation, webClient.post().uri("/v1/payments/{paymentId}/{operation}", paymentId, operation),
                key(paymentId, operation), body);
    }

    private Mono<Answer> guarded(String operation, WebClient.RequestBodySpec request, String idempotencyKey,
                                 Map<String, Object> body) {
        return guarded(operation, post(request, idempotencyKey, body));
    }

    /**
     * Innermost first: bulkhead per attempt, time limit per attempt, each attempt counted, breaker counts attempts,
     * retry outermost, the whole call timed.
     */
    private Mono<Answer> guarded(String operation, Mono<Answer> call) {
        Function<Answer, String> outcome = answer -> answer.isSuccess()
                ? (operation.equals("authorize") ? "approved" : "succeeded")
                : (operation.equals("authorize") ? "declined" : "refused");
        return metrics.timed(operation, outcome, call.transformDeferred(BulkheadOperator.of(bulkhead))
                .transformDeferred(TimeLimiterOperator.of(timeLimiter))
                .transform(attempt -> metrics.counted(operation, outcome, attempt))
                .transformDeferred(CircuitBreakerOperator.of(circuitBreaker))
                .transformDeferred(RetryOperator.of(retry)));
    }

    private Mono<Answer> post(String path, String idempotencyKey, Map<String, Object> body) {
        return post(webClient.post().uri(path), idempotencyKey, body);
    }

    private static Mono<Answer> post(WebClient.RequestBodySpec request, String idempotencyKey,
                                     Map<String, Object> body) {
        return Traces.inCurrentTrace(request
                .header(IDEMPOTENCY_KEY, idempotencyKey)
                .bodyValue(body)
                .exchangeToMono(PaymentProviderClient::read));
    }

    private static Mono<Answer> read(ClientResponse response) {
        int status = response.statusCode().value();
        if (response.statusCode().is5xxServerError()) {
            return response.releaseBody().then(Mono.error(new ProviderUnavailableException(status)));
        }
        return response.bodyToMono(ProviderAnswer.class)
                .onErrorResume(unreadable -> Mono.just(ProviderAnswer.EMPTY))
                .defaultIfEmpty(ProviderAnswer.EMPTY)
                .map(body -> new Answer(status, body));
    }

    /** Failures that say the provider was not reached or did not answer: worth another attempt. */
    private static boolean isOutage(Throwable failure) {
        return failure instanceof ProviderUnavailableException || failure instanceof TimeoutException
                || failure instanceof WebClientRequestException;
    }

    private static boolean isUnavailability(Throwable failure) {
        return isOutage(failure) || failure instanceof CallNotPermittedException
                || failure instanceof BulkheadFullException;
    }

    private static String describe(Throwable failure) {
        return ProviderFailure.of(failure).describe(failure);
    }

    private record Answer(int status, ProviderAnswer body) {

        boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        String reason() {
            String reason = body.reason() != null ? body.reason() : body.error();
            return reason != null ? reason : "HTTP " + status;
        }
    }

    /** The fields of the provider's JSON answers that the adapter reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ProviderAnswer(String paymentId, String authorizationId, String status, String reason, String error) {

        static final ProviderAnswer EMPTY = new ProviderAnswer(null, null, null, null, null);
    }
}
