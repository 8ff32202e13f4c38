package dev.orders.platform.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.ReactiveHealthEndpointWebExtension;
import reactor.core.publisher.Mono;

/**
 * The gauge {@code orders.readiness}: 1 while the readiness group ({@code /actuator/health/readiness}) answers UP,
 * 0 while it answers DOWN, so that an alert sees what the load balancer sees. Asks the same group the probe asks,
 * in the background; which checks make it up stays configuration.
 */
final class ReadinessMetric {

    static final String GAUGE = "orders.readiness";
    private static final int OK = 200;

    private final ObjectProvider<ReactiveHealthEndpointWebExtension> health;
    private final AtomicInteger ready = new AtomicInteger();

    ReadinessMetric(ObjectProvider<ReactiveHealthEndpointWebExtension> health, MeterRegistry meters) {
        this.health = health;
        Gauge.builder(GAUGE, ready, AtomicInteger::get)
                .description("1 while the instance's readiness group is UP, 0 while it is DOWN")
                .register(meters);
    }

    Mono<Void> refresh() {
        ReactiveHealthEndpointWebExtension endpoint = health.getIfAvailable();
        if (endpoint == null) {
            return Mono.empty();
        }
        return endpoint.health(ApiVersion.LATEST, WebServerNamespace.SERVER, SecurityContext.NONE, "readiness")
                .doOnNext(response -> ready.set(response.getStatus() == OK ? 1 : 0))
                .then();
    }
}
