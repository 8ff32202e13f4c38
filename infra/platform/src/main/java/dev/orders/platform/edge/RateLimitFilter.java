package dev.orders.platform.edge;

import dev.orders.platform.security.SecurityProperties;
import dev.orders.platform.web.ProblemResponses;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Budgets per caller: writes per authenticated principal (per IP when anonymous), and the account endpoints
 * (login, register, refresh) per IP, which is what slows down credential stuffing across many addresses. Runs in
 * the security chain after authentication, so it knows the principal. Over budget: 429 with {@code Retry-After}.
 */
public class RateLimitFilter implements WebFilter {

    private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    private final TokenBuckets writes;
    private final TokenBuckets logins;

    public RateLimitFilter(SecurityProperties.RateLimit settings) {
        this.writes = new TokenBuckets(settings.writesPerSecond(), settings.writeBurst(), System::nanoTime);
        this.logins = new TokenBuckets(settings.loginsPerMinute() / 60.0, settings.loginsPerMinute(),
                System::nanoTime);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        HttpMethod method = exchange.getRequest().getMethod();
        if (!WRITES.contains(method) || !path.startsWith("/api/")) {
            return chain.filter(exchange);
        }
        if (path.startsWith("/api/v1/auth/")) {
            return admit(logins.take("ip:" + clientAddress(exchange)), exchange, chain,
                    "Too many account requests from this address");
        }
        return ReactiveSecurityContextHolder.getContext()
                .flatMap(context -> Mono.justOrEmpty(context.getAuthentication()))
                .filter(authentication -> authentication.isAuthenticated())
                .map(authentication -> "principal:" + authentication.getName())
                .defaultIfEmpty("ip:" + clientAddress(exchange))
                .flatMap(key -> admit(writes.take(key), exchange, chain, "Too many requests"));
    }

    private static Mono<Void> admit(Duration wait, ServerWebExchange exchange, WebFilterChain chain, String detail) {
        if (wait.isZero()) {
            return chain.filter(exchange);
        }
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        exchange.getResponse().getHeaders().set("Retry-After", Long.toString(seconds));
        return ProblemResponses.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                detail + "; retry after " + seconds + " s");
    }

    /** The peer's address; behind a proxy set server.forward-headers-strategy so this is the client's. */
    private static String clientAddress(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
