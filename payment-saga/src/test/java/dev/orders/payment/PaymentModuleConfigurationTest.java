package dev.orders.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.platform.metrics.ResilienceRegistries;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.reactive.function.client.WebClient;

class PaymentModuleConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(PaymentModuleConfiguration.class)
            .withBean(WebClient.Builder.class, WebClient::builder)
            .withBean(ResilienceRegistries.class, ResilienceRegistries::unmetered)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    void everyLimitHasADefault() {
        context.withPropertyValues("orders.payment.provider-url=http://127.0.0.1:9")
                .run(app -> {
                    PaymentProperties payment = app.getBean(PaymentProperties.class);
                    assertThat(payment.timeLimit()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(payment.retry().maxAttempts()).isEqualTo(3);
                    assertThat(payment.retry().initialBackoff()).isEqualTo(Duration.ofMillis(200));
                    assertThat(payment.circuitBreaker().failureRateThreshold()).isEqualTo(50f);
                    assertThat(payment.circuitBreaker().slidingWindowSize()).isEqualTo(20);
                    assertThat(payment.circuitBreaker().minimumCalls()).isEqualTo(10);
                    assertThat(payment.circuitBreaker().waitInOpenState()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(payment.circuitBreaker().halfOpenCalls()).isEqualTo(10);
                    assertThat(payment.bulkhead().maxWait()).isZero();
                    assertThat(payment.bulkhead().maxConcurrentCalls()).isEqualTo(16);
                    assertThat(app.getBean(FulfilmentSettings.class).timeout()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(app).hasSingleBean(PaymentProviderClient.class);
                });
    }

    @Test
    void limitsAreTunable() {
        context.withPropertyValues("orders.payment.provider-url=http://127.0.0.1:9",
                        "orders.payment.time-limit=750ms", "orders.payment.retry.max-attempts=5",
                        "orders.payment.bulkhead.max-concurrent-calls=4", "orders.fulfilment.timeout=PT2M",
                        "orders.payment.circuit-breaker.wait-in-open-state=3s",
                        "orders.payment.circuit-breaker.half-open-calls=2")
                .run(app -> {
                    PaymentProperties payment = app.getBean(PaymentProperties.class);
                    assertThat(payment.timeLimit()).isEqualTo(Duration.ofMillis(750));
                    assertThat(payment.retry().maxAttempts()).isEqualTo(5);
                    assertThat(payment.retry().initialBackoff()).isEqualTo(Duration.ofMillis(200));
                    assertThat(payment.bulkhead().maxConcurrentCalls()).isEqualTo(4);
                    assertThat(payment.circuitBreaker().waitInOpenState()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(payment.circuitBreaker().halfOpenCalls()).isEqualTo(2);
                    assertThat(app.getBean(FulfilmentSettings.class).timeout()).isEqualTo(Duration.ofMinutes(2));
                });
    }

    @Test
    void refusesToStartWithoutAProviderUrl() {
        context.run(app -> assertThat(app).hasFailed()
                .getFailure().rootCause().hasMessageContaining("PAYMENT_PROVIDER_URL"));
    }
}
