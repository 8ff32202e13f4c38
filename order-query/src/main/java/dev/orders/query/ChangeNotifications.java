package dev.orders.query;

import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * LISTENs on the change-log channel over one dedicated connection (a pooled one could be handed to someone else)
 * and emits a signal on every (re)connect and every notification. Reconnects for ever: while disconnected the hub's
 * poll keeps changes flowing, and the reconnect signal makes it catch up at once.
 */
final class ChangeNotifications {

    private static final Logger log = LoggerFactory.getLogger(ChangeNotifications.class);

    private ChangeNotifications() {
    }

    static Flux<String> listen(PostgresqlConnectionFactory factory, String channel, Duration reconnectDelay) {
        return Flux.usingWhen(factory.create(),
                        connection -> listen(connection, channel),
                        PostgresqlConnection::close)
                .repeatWhen(closed -> closed.doOnNext(n -> log.warn("LISTEN {} connection closed; reconnecting",
                        channel)).delayElements(reconnectDelay))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, reconnectDelay)
                        .maxBackoff(Duration.ofSeconds(30))
                        .transientErrors(true)
                        .doBeforeRetry(retry -> log.warn("LISTEN {} failed; reconnecting: {}", channel,
                                retry.failure().toString())));
    }

    private static Flux<String> listen(PostgresqlConnection connection, String channel) {
        return connection.createStatement("LISTEN " + channel).execute()
                .flatMap(result -> result.getRowsUpdated())
                .thenMany(Flux.concat(Mono.just("connected"),
                        connection.getNotifications().map(notification -> "notified")));
    }
}
