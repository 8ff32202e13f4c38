package dev.orders.platform.edge;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Starts every request's handling on the next turn of a parallel worker instead of inside the event-loop callback
 * that dispatched it.
 *
 * <p>Why: Reactor Netty 1.3.6 (the version Boot 4.1.0 brings) sometimes stops reading an HTTP/1.1 keep-alive
 * connection when a request that arrived early (while the previous one was finishing) is answered synchronously,
 * e.g. a 400 or 401 decided without I/O: the client's next request on that connection then hangs until it times out.
 * Seen here in about one of ten sequences of "404 after a database read, then a 400, then another request" on one
 * connection. The fixed Reactor Netty needs a Netty whose native transports are not published where we build, so
 * until then no request completes re-entrantly. The cost is one hand-off per request (microseconds).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class KeepAliveGuardFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return Mono.defer(() -> chain.filter(exchange)).subscribeOn(Schedulers.parallel());
    }
}
