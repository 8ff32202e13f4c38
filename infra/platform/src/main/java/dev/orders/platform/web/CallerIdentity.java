package dev.orders.platform.web;

import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Decides which customer a request acts for. The one seam that authentication replaces: today the customer
 * comes from the request itself; with tokens it comes from the principal and a different requested id is refused.
 */
public interface CallerIdentity {

    /** The customer the request acts for; {@code requested} is what the request body or query names. */
    Mono<String> customerId(ServerWebExchange exchange, String requested);
}
