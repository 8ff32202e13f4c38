package dev.orders.payment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the order-fulfilment saga ({@code orders.fulfilment.*}).
 *
 * @param timeout how long an order may take from placement to confirmation before it is rejected as timed out
 *                (default PT30S)
 */
@ConfigurationProperties("orders.fulfilment")
public record FulfilmentSettings(Duration timeout) {

    public FulfilmentSettings {
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
    }
}
