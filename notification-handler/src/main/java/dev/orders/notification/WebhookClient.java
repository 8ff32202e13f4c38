package dev.orders.notification;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Posts signed webhook requests. Each attempt is limited in time and signed afresh (its timestamp is part of the
 * signature); attempts that failed with 5xx, a time-out or an I/O error are retried with jittered exponential
 * back-off, a 4xx is final. A circuit breaker per endpoint URL stops calling an endpoint that keeps failing, so one
 * customer's broken endpoint does not slow down everybody else's notifications.
 */
class WebhookClient {

    static final String EVENT_ID = "X-Orders-Event-Id";
    static final String EVENT_TYPE = "X-Orders-Event-Type";

    private final WebClient webClient;
    private final Clock clock;
    private final TimeLimiter timeLimiter;
    private final CircuitBreakerRegistry breakers;
    private final Retry retry;

    WebhookClient(WebClient webClient, NotificationProperties.Webhook settings, Clock clock) {
        this.webClient = webClient;
        this.clock = clock;
        this.timeLimiter = TimeLimiter.of("notification-webhook", TimeLimiterConfig.custom()
                .timeoutDuration(settings.timeLimit())
                .build());
        NotificationProperties.CircuitBreaker breaker = settings.circuitBreaker();
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(breaker.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breaker.slidingWindowSize())
                .minimumNumberOfCalls(breaker.minimumCalls())
                .waitDurationInOpenState(breaker.waitInOpenState())
                .recordException(WebhookClient::isOutage)
                .build());
        NotificationProperties.Retry retries = settings.retry();
        this.retry = Retry.of("notification-webhook", RetryConfig.custom()
                .maxAttempts(retries.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(retries.initialBackoff(),
                        retries.multiplier(), retries.jitter()))
                .retryOnException(WebhookClient::isOutage)
                .build());
        WebhookSignature.checkAvailable();
    }

    /** A client on reactor-netty with the configured connect time-out. */
    static WebhookClient create(WebClient.Builder builder, NotificationProperties.Webhook settings, Clock clock) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(settings.connectTimeout().toMillis()));
        WebClient webClient = builder.clone()
                .clientConnector(new ReactorClientHttpConnector(http))
                .build();
        return new WebhookClient(webClient, settings, clock);
    }

    /**
     * Posts {@code body} to {@code url}; completes with the number of attempts made, or fails with a
     * {@link DeliveryFailedException} once the policy gives up.
     */
    Mono<Integer> post(String url, String secret, OrderNotice notice, byte[] body) {
        AtomicInteger attempts = new AtomicInteger();
        Mono<Void> attempt = Mono.defer(() -> {
            attempts.incrementAndGet();
            long now = clock.instant().getEpochSecond();
            return webClient.post()
                    .uri(URI.create(url))
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(EVENT_ID, notice.eventId())
                    .header(EVENT_TYPE, notice.eventType())
                    .header(WebhookSignature.HEADER, WebhookSignature.header(secret, now, body))
                    .headers(headers -> {
                        if (notice.traceparent() != null) {
                            headers.set(EventParser.TRACEPARENT, notice.traceparent());
                        }
                    })
                    .bodyValue(body)
                    .exchangeToMono(WebhookClient::read);
        });
        // Innermost first: time limit per attempt, the breaker counts attempts, retry outermost.
        return attempt.transformDeferred(TimeLimiterOperator.of(timeLimiter))
                .transformDeferred(CircuitBreakerOperator.of(breakers.circuitBreaker(url)))
                .transformDeferred(RetryOperator.of(retry))
                .then(Mono.fromSupplier(attempts::get))
                .onErrorMap(failure -> !(failure instanceof DeliveryFailedException),
                        failure -> new DeliveryFailedException(describe(url, failure, attempts.get()), failure,
                                attempts.get()));
    }

    CircuitBreaker.State circuitState(String url) {
        return breakers.circuitBreaker(url).getState();
    }

    private static Mono<Void> read(ClientResponse response) {
        int status = response.statusCode().value();
        if (response.statusCode().is2xxSuccessful()) {
            return response.releaseBody();
        }
        return response.releaseBody().then(Mono.error(response.statusCode().is5xxServerError()
                ? new EndpointUnavailableException(status) : new EndpointRefusedException(status)));
    }

    /** Failures that say the endpoint was not reached or did not cope: worth another attempt. */
    private static boolean isOutage(Throwable failure) {
        return failure instanceof EndpointUnavailableException || failure instanceof TimeoutException
                || failure instanceof WebClientRequestException;
    }

    private static String describe(String url, Throwable failure, int attempts) {
        String after = " after " + attempts + (attempts == 1 ? " attempt" : " attempts");
        if (failure instanceof CallNotPermittedException) {
            return "webhook circuit is open for " + url;
        }
        if (failure instanceof EndpointUnavailableException unavailable) {
            return "webhook answered HTTP " + unavailable.status + after;
        }
        if (failure instanceof EndpointRefusedException refused) {
            return "webhook refused the request with HTTP " + refused.status;
        }
        if (failure instanceof TimeoutException) {
            return "webhook did not answer in time" + after;
        }
        if (failure instanceof WebClientRequestException) {
            return "webhook could not be reached" + after + ": " + failure.getMessage();
        }
        return "webhook delivery failed" + after + ": " + failure;
    }

    /** The endpoint answered 5xx. */
    static final class EndpointUnavailableException extends RuntimeException {

        final int status;

        EndpointUnavailableException(int status) {
            super("HTTP " + status, null, false, false);
            this.status = status;
        }
    }

    /** The endpoint answered, but not with 2xx or 5xx: retrying the same request will not help. */
    static final class EndpointRefusedException extends RuntimeException {

        final int status;

        EndpointRefusedException(int status) {
            super("HTTP " + status, null, false, false);
            this.status = status;
        }
    }
}
