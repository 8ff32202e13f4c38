package dev.orders.notification;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import dev.orders.platform.metrics.ResilienceRegistries;
import io.micrometer.common.KeyValue;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.time.Clock;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientRequestObservationContext;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.DefaultClientRequestObservationConvention;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Posts signed webhook requests. Each attempt is limited in time and signed afresh (its timestamp is part of the
 * signature); attempts that failed with 5xx, a time-out or an I/O error are retried with jittered exponential
 * back-off, a 4xx is final. A circuit breaker per endpoint URL stops calling an endpoint that keeps failing, so one
 * customer's broken endpoint does not slow down everybody else's notifications.
 *
 * <p>Retrying is safe for the receiver: every attempt carries the same {@code X-Orders-Event-Id}, on which receivers
 * de-duplicate (the README asks them to), so an attempt whose answer was lost does not notify twice. The breakers are
 * registered in the shared {@link ResilienceRegistries} as {@code webhook:<host>#<hash>}: the host and a short hash of
 * the URL, never its path or query, which may hold a customer's secret.
 */
class WebhookClient {

    static final String EVENT_ID = "X-Orders-Event-Id";
    static final String EVENT_TYPE = "X-Orders-Event-Type";
    private static final String NAME = "notification-webhook";

    private final WebClient webClient;
    private final Clock clock;
    private final TimeLimiter timeLimiter;
    private final ResilienceRegistries registries;
    private final CircuitBreakerConfig breakerConfig;
    private final Retry retry;

    WebhookClient(WebClient webClient, NotificationProperties.Webhook settings, Clock clock,
                  ResilienceRegistries registries) {
        this.webClient = webClient;
        this.clock = clock;
        this.registries = registries;
        this.timeLimiter = registries.timeLimiters().timeLimiter(NAME, TimeLimiterConfig.custom()
                .timeoutDuration(settings.timeLimit())
                .build());
        NotificationProperties.CircuitBreaker breaker = settings.circuitBreaker();
        this.breakerConfig = CircuitBreakerConfig.custom()
                .failureRateThreshold(breaker.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breaker.slidingWindowSize())
                .minimumNumberOfCalls(breaker.minimumCalls())
                .waitDurationInOpenState(breaker.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(breaker.halfOpenCalls())
                .recordException(WebhookClient::isOutage)
                .build();
        NotificationProperties.Retry retries = settings.retry();
        this.retry = registries.retries().retry(NAME, RetryConfig.custom()
                .maxAttempts(retries.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(retries.initialBackoff(),
                        retries.multiplier(), retries.jitter()))
                .retryOnException(WebhookClient::isOutage)
                .build());
        WebhookSignature.checkAvailable();
    }

    /** An unmetered client, for tests: its policy reports to no registry of the application. */
    static WebhookClient create(WebClient.Builder builder, NotificationProperties.Webhook settings, Clock clock) {
        return create(builder, settings, clock, ResilienceRegistries.unmetered());
    }

    /**
     * A client on reactor-netty with the configured connect time-out, built from {@code builder} (Boot's, so that
     * {@code http.client.requests} records its calls, as client {@code webhook}: customers' hosts are not tags).
     */
    static WebhookClient create(WebClient.Builder builder, NotificationProperties.Webhook settings, Clock clock,
                                ResilienceRegistries registries) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(settings.connectTimeout().toMillis()));
        WebClient webClient = builder.clone()
                .clientConnector(new ReactorClientHttpConnector(http))
                .observationConvention(new DefaultClientRequestObservationConvention() {
                    @Override
                    protected KeyValue clientName(ClientRequestObservationContext context) {
                        return KeyValue.of("client.name", "webhook");
                    }
                })
                .build();
        return new WebhookClient(webClient, settings, clock, registries);
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
                .transformDeferred(CircuitBreakerOperator.of(breaker(url)))
                .transformDeferred(RetryOperator.of(retry))
                .then(Mono.fromSupplier(attempts::get))
                .onErrorMap(failure -> !(failure instanceof DeliveryFailedException),
                        failure -> new DeliveryFailedException(describe(url, failure, attempts.get()), failure,
                                attempts.get()));
    }

    CircuitBreaker.State circuitState(String url) {
        return breaker(url).getState();
    }

    private CircuitBreaker breaker(String url) {
        return registries.circuitBreakers().circuitBreaker(breakerName(url), breakerConfig);
    }

    /** {@code webhook:<host>#<first 8 hex digits of the URL's SHA-256>}: one per URL, and no secret in a tag. */
    static String breakerName(String url) {
        String host;
        try {
            host = String.valueOf(URI.create(url).getHost());
        } catch (IllegalArgumentException unparsable) {
            host = "invalid";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return "webhook:" + host + "#" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
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
