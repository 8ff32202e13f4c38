package dev.orders.platform.web;

import dev.orders.api.error.InvalidRequestException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Takes the customer from the request, as long as there is no authentication. */
@Component
public class RequestCallerIdentity implements CallerIdentity {

    @Override
    public Mono<String> customerId(ServerWebExchange exchange, String requested) {
        if (requested == null || requested.isBlank()) {
            return Mono.error(new InvalidRequestException("customerId is required"));
        }
        return Mono.just(requested);
    }
}
