package dev.orders.bench;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The Orders HTTP API as an outside client sees it, over Reactor Netty: pooled keep-alive connections for
 * request/response calls, one dedicated connection per SSE stream.
 */
final class HttpApi implements AutoCloseable {

    private final ConnectionProvider pool;
    private final HttpClient client;
    private final HttpClient streams;

    HttpApi(URI base, int maxConnections, Duration responseTimeout) {
        pool = ConnectionProvider.builder("orders-bench")
                .maxConnections(maxConnections)
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(Duration.ofMinutes(10))
                .maxIdleTime(Duration.ofSeconds(50))
                .build();
        client = HttpClient.create(pool).baseUrl(base.toString()).responseTimeout(responseTimeout)
                .headers(headers -> headers.set(HttpHeaderNames.ACCEPT, "application/json"));
        streams = HttpClient.newConnection().baseUrl(base.toString());
    }

    Mono<Response> postJson(String path, String json, Map<String, String> headers) {
        return client.headers(h -> {
                    h.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                    headers.forEach(h::set);
                })
                .post().uri(path)
                .send(ByteBufFlux.fromString(Mono.just(json)))
                .responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                        .map(text -> new Response(response.status().code(), text)));
    }

    Mono<Response> get(String path) {
        return client.get().uri(path)
                .responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                        .map(text -> new Response(response.status().code(), text)));
    }

    /**
     * A server-sent event stream on its own connection; {@code lastEventId} resumes after that id. Errors when
     * the server answers anything but 200; completes when the server ends the stream.
     */
    Flux<SseParser.SseEvent> sse(String path, String lastEventId) {
        return Flux.defer(() -> {
            SseParser parser = new SseParser();
            return streams.headers(h -> {
                        h.set(HttpHeaderNames.ACCEPT, "text/event-stream");
                        if (lastEventId != null) {
                            h.set("Last-Event-ID", lastEventId);
                        }
                    })
                    .get().uri(path)
                    .response((response, body) -> response.status().code() == 200
                            ? body.asByteArray()
                            : Flux.error(new StatusException(response.status().code(), path)))
                    .concatMapIterable(parser::feed);
        });
    }

    /**
     * Reads a streamed body to its end counting bytes and newline-terminated lines; answers the status, or
     * the status of a refusal without reading it.
     */
    Mono<Integer> stream(String path, String accept, AtomicLong bytes, AtomicLong lines, AtomicLong firstByteNanos) {
        return streams.headers(h -> h.set(HttpHeaderNames.ACCEPT, accept))
                .get().uri(path)
                .response((response, body) -> {
                    int status = response.status().code();
                    if (status != 200) {
                        return body.then(Mono.just(status));
                    }
                    return body.doOnNext(buf -> count(buf, bytes, lines, firstByteNanos)).then(Mono.just(status));
                })
                .next();
    }

    private static void count(ByteBuf buf, AtomicLong bytes, AtomicLong lines, AtomicLong firstByteNanos) {
        firstByteNanos.compareAndSet(0, System.nanoTime());
        bytes.addAndGet(buf.readableBytes());
        long[] newlines = {0};
        buf.forEachByte(b -> {
            if (b == '\n') {
                newlines[0]++;
            }
            return true;
        });
        lines.addAndGet(newlines[0]);
    }

    @Override
    public void close() {
        pool.disposeLater().block(Duration.ofSeconds(5));
    }

    /** Status and body of an answered request. */
    record Response(int status, String body) {
    }

    /** A stream the server refused. */
    static final class StatusException extends RuntimeException {
        final int status;

        StatusException(int status, String path) {
            super("HTTP " + status + " for " + path);
            this.status = status;
        }
    }
}
