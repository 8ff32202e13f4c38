package dev.orders.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.api.order.OrderEvent.OrderShipped;
import dev.orders.api.order.OrderStatus;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import dev.orders.platform.metrics.ResilienceRegistries;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.test.StepVerifier;

/** The webhook client's resilience policy against a real HTTP endpoint. */
class WebhookClientTest {

    private static final WebhookReceiver HOOKS = new WebhookReceiver();
    private static final byte[] BODY = "{\"id\":\"e-1\"}".getBytes(StandardCharsets.UTF_8);
    private static final UUID ORDER = UUID.randomUUID();
    private static final OrderNotice NOTICE = new OrderNotice("e-1", "dev.orders.order.OrderShipped", ORDER, "alice",
            OrderStatus.SHIPPED, Instant.now(), new OrderShipped(ORDER, "alice"), null,
            "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

    private final WebhookClient client = WebhookClient.create(WebClient.builder(),
            new NotificationProperties.Webhook(Duration.ofMillis(300), Duration.ofSeconds(1),
                    new NotificationProperties.Retry(3, Duration.ofMillis(10), 2.0, 0.5),
                    new NotificationProperties.CircuitBreaker(50f, 4, 4, Duration.ofMinutes(1), null)),
            Clock.systemUTC());

    @AfterAll
    static void stop() {
        HOOKS.close();
    }

    private static String url(String behaviour) {
        return HOOKS.url(behaviour, UUID.randomUUID().toString());
    }

    @Test
    void deliversOnceWithSignatureEventHeadersAndTraceContext() {
        String url = url("ok");

        StepVerifier.create(client.post(url, "s3cret", NOTICE, BODY)).expectNext(1).verifyComplete();

        WebhookReceiver.Request request = HOOKS.requestsTo(url).get(0);
        assertThat(request.signedWith("s3cret")).isTrue();
        assertThat(request.header("X-Orders-Event-Id")).isEqualTo("e-1");
        assertThat(request.header("X-Orders-Event-Type")).isEqualTo("dev.orders.order.OrderShipped");
        assertThat(request.header("traceparent")).isEqualTo(NOTICE.traceparent());
        assertThat(request.body()).isEqualTo(BODY);
    }

    @Test
    void retriesServerErrorsThenGivesUp() {
        String url = url("broken");

        StepVerifier.create(client.post(url, "s3cret", NOTICE, BODY))
                .expectErrorSatisfies(failure -> {
                    assertThat(failure).isInstanceOf(DeliveryFailedException.class)
                            .hasMessage("webhook answered HTTP 500 after 3 attempts");
                    assertThat(((DeliveryFailedException) failure).attempts()).isEqualTo(3);
                })
                .verify(Duration.ofSeconds(10));
        assertThat(HOOKS.requestsTo(url)).hasSize(3)
                .allSatisfy(request -> assertThat(request.signedWith("s3cret")).isTrue());
    }

    @Test
    void doesNotRetryAClientError() {
        String url = url("gone");

        StepVerifier.create(client.post(url, "s3cret", NOTICE, BODY))
                .expectErrorSatisfies(failure -> {
                    assertThat(failure).hasMessage("webhook refused the request with HTTP 410");
                    assertThat(((DeliveryFailedException) failure).attempts()).isEqualTo(1);
                })
                .verify(Duration.ofSeconds(10));
        assertThat(HOOKS.requestsTo(url)).hasSize(1);
        assertThat(client.circuitState(url)).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void limitsTheTimeOfEachAttempt() {
        String url = url("slow");

        StepVerifier.create(client.post(url, "s3cret", NOTICE, BODY))
                .expectErrorSatisfies(failure -> {
                    assertThat(failure).hasMessage("webhook did not answer in time after 3 attempts")
                            .hasCauseInstanceOf(TimeoutException.class);
                })
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void opensTheCircuitOfTheFailingEndpointOnly() {
        String broken = url("broken");
        String healthy = url("ok");
        // Two deliveries of three attempts each: the window of four attempts is all failures.
        for (int i = 0; i < 2; i++) {
            StepVerifier.create(client.post(broken, "s3cret", NOTICE, BODY)).expectError().verify();
        }
        int attemptsSoFar = HOOKS.requestsTo(broken).size();

        StepVerifier.create(client.post(broken, "s3cret", NOTICE, BODY))
                .expectErrorSatisfies(failure -> {
                    assertThat(failure).hasMessage("webhook circuit is open for " + broken)
                            .hasCauseInstanceOf(CallNotPermittedException.class);
                    assertThat(((DeliveryFailedException) failure).attempts()).isZero();
                })
                .verify(Duration.ofSeconds(10));
        assertThat(HOOKS.requestsTo(broken)).hasSize(attemptsSoFar);
        assertThat(client.circuitState(broken)).isEqualTo(CircuitBreaker.State.OPEN);
        StepVerifier.create(client.post(healthy, "s3cret", NOTICE, BODY)).expectNext(1).verifyComplete();
        assertThat(client.circuitState(healthy)).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void reportsEachEndpointsBreakerByHostAndHashNeverByPathOrQuery() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        WebhookClient metered = WebhookClient.create(WebClient.builder(), NotificationProperties.defaults().webhook(),
                Clock.systemUTC(), ResilienceRegistries.meteredBy(meters));
        String url = url("ok") + "?token=secret-in-the-query";

        StepVerifier.create(metered.post(url, "s3cret", NOTICE, BODY)).expectNext(1).verifyComplete();

        String name = WebhookClient.breakerName(url);
        assertThat(name).matches("webhook:127\\.0\\.0\\.1#[0-9a-f]{8}").isNotEqualTo(WebhookClient.breakerName(
                url("ok")));
        assertThat(meters.get("resilience4j.circuitbreaker.state").tags("name", name, "state", "closed").gauge()
                .value()).isEqualTo(1);
        assertThat(meters.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags().toString())
                .doesNotContain("secret-in-the-query"));
    }
}
