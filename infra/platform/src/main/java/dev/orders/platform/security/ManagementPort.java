package dev.orders.platform.security;

import java.net.InetSocketAddress;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;

/**
 * The port of the separate management server ({@code MANAGEMENT_SERVER_PORT}), once it listens. Deployments reach that
 * port only from the monitoring network (the NetworkPolicy says so), so Prometheus scrapes it without a token; on the
 * API port the metrics stay the operators'.
 */
public class ManagementPort implements ApplicationListener<WebServerInitializedEvent> {

    private volatile int port = -1;

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if ("management".equals(event.getApplicationContext().getServerNamespace())) {
            port = event.getWebServer().getPort();
        }
    }

    /** The management server's port, or -1 while there is none. */
    public int port() {
        return port;
    }

    /** Matches requests that arrived on the separate management port; none when there is no such port. */
    public ServerWebExchangeMatcher matcher() {
        return exchange -> arrivedOnManagementPort(exchange) ? ServerWebExchangeMatcher.MatchResult.match()
                : ServerWebExchangeMatcher.MatchResult.notMatch();
    }

    private boolean arrivedOnManagementPort(ServerWebExchange exchange) {
        InetSocketAddress local = exchange.getRequest().getLocalAddress();
        return port > 0 && local != null && local.getPort() == port;
    }
}
