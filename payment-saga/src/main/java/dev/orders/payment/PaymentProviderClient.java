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
import io.netty.channel.ChannelOption;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
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
 */
class PaymentProviderClient {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String NAME = "payment-provider";

    private final WebClient webClient;
    private final TimeLimiter timeLimiter;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;
    private final Bulkhead bulkhead;

    PaymentProviderClient(WebClient webClient, PaymentProperties properties) {
        this.webClient = webClient;
        this.timeLimiter = TimeLimiter.of(NAME, TimeLimiterConfig.custom()
                .timeoutDuration(properties.timeLimit())
                .build());
        PaymentProperties.CircuitBreaker breaker = properties.circuitBreaker();
        this.circuitBreaker = CircuitBreaker.of(NAME, CircuitBreakerConfig.custom()
                .failureRateThreshold(breaker.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breaker.slidingWindowSize())
                .minimumNumberOfCalls(breaker.minimumCalls())
                .waitDurationInOpenState(breaker.waitInOpenState())
                // A decline is an answer, not an outage.
                .recordException(PaymentProviderClient::isOutage)
                .build());
        PaymentProperties.Retry retries = properties.retry();
        this.retry = Retry.of(NAME, RetryConfig.custom()
                .maxAttempts(retries.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(retries.initialBackoff(),
                        retries.multiplier(), retries.jitter()))
                .retryOnException(PaymentProviderClient::isOutage)
                .build());
        this.bulkhead = Bulkhead.of(NAME, BulkheadConfig.custom()
                .maxConcurrentCalls(properties.bulkhead().maxConcurrentCalls())
                .maxWaitDuration(properties.bulkhead().maxWait())
                .build());
    }

    /** A client for {@code properties.providerUrl()} on reactor-netty, with the configured connect time-out. */
    static PaymentProviderClient create(WebClient.Builder builder, PaymentProperties properties) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(properties.connectTimeout().toMillis()));
        WebClient webClient = builder.clone()
                .baseUrl(properties.providerUrl())
                .clientConnector(new ReactorClientHttpConnector(http))
                .build();
        return new PaymentProviderClient(webClient, properties);
    }

    /** Asks for an authorisation; never fails: outages after the policy become {@code Unavailable}. */
    Mono<AuthorizationOutcome> authorize(UUID paymentId, Money amount, String paymentToken) {
        Map<String, Object> body = Map.of("paymentId", paymentId.toString(), "amountCents", amount.cents(),
                "currency", amount.currency(), "token", paymentToken);
        return guarded(post("/v1/authorizations", key(paymentId, "authorize"), body))
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
        return guarded(post("/v1/payments/" + paymentId + "/" + operation, key(paymentId, operation), body));
    }

    /** Innermost first: bulkhead per attempt, time limit per attempt, breaker counts attempts, retry outermost. */
    private <T> Mono<T> guarded(Mono<T> call) {
        return call.transformDeferred(BulkheadOperator.of(bulkhead))
                .transformDeferred(TimeLimiterOperator.of(timeLimiter))
                .transformDeferred(CircuitBreakerOperator.of(circuitBreaker))
                .transformDeferred(RetryOperator.of(retry));
    }

    private Mono<Answer> post(String path, String idempotencyKey, Map<String, Object> body) {
        return Traces.inCurrentTrace(webClient.post()
                .uri(path)
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
        if (failure instanceof CallNotPermittedException) {
            return "payment provider circuit is open";
        }
        if (failure instanceof TimeoutException) {
            return "payment provider did not answer in time";
        }
        if (failure instanceof BulkheadFullException) {
            return "too many concurrent payment provider calls";
        }
        if (failure instanceof WebClientRequestException) {
            return "payment provider could not be reached";
        }
        return failure.getMessage();
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
