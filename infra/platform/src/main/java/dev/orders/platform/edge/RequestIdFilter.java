package dev.orders.platform.edge;

import dev.orders.api.Ids;
import dev.orders.platform.observability.RequestContext;
import io.micrometer.common.KeyValue;
import io.micrometer.context.ContextSnapshot;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an id: the caller's {@code X-Request-ID} when it is a sane token, a new one otherwise. The id
 * is echoed in the response, kept as an exchange attribute and in the Reactor context, and written with the access
 * log line ({@code dev.orders.access}) so a client's report can be matched to the server's logs. It is also an
 * attribute of the request's span ({@code orders.request_id}), so the trace of a reported request can be found.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter implements WebFilter {

    public static final String HEADER = "X-Request-ID";
    /** Exchange attribute and Reactor context key of the id. */
    public static final String ATTRIBUTE = "orders.requestId";
    /** The request's span attribute that holds the id. */
    public static final String SPAN_ATTRIBUTE = "orders.request_id";

    /** Anything else (log injection, huge values) is replaced rather than echoed. */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final Logger access = LoggerFactory.getLogger("dev.orders.access");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String given = request.getHeaders().getFirst(HEADER);
        String id = given != null && ACCEPTED.matcher(given).matches() ? given : Ids.random().toString();
        exchange.getAttributes().put(ATTRIBUTE, id);
        exchange.getResponse().getHeaders().set(HEADER, id);
        ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .ifPresent(observation -> observation.addHighCardinalityKeyValue(KeyValue.of(SPAN_ATTRIBUTE, id)));
        long started = System.nanoTime();
        return Mono.deferContextual(context -> chain.filter(exchange)
                        .doFinally(signal -> {
                            if (access.isInfoEnabled()) {
                                // With the request's trace and id in the logging context, for the JSON logs.
                                try (ContextSnapshot.Scope ignored = RequestContext.restore(context)) {
                                    access.info("{} {} {} {}ms request_id={}", request.getMethod(),
                                            request.getPath().value(),
                                            exchange.getResponse().getStatusCode() == null ? "-"
                                                    : exchange.getResponse().getStatusCode().value(),
                                            (System.nanoTime() - started) / 1_000_000, id);
                                }
                            }
                        }))
                .contextWrite(context -> context.put(ATTRIBUTE, id));
    }
}
