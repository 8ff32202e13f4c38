package dev.orders.bench;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
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

    /**
     * A JSON POST, with {@code as}'s current access token when it is given (null: anonymous). With a token, an answer
     * of 401, 403 or 429 is an {@link AccessRefused} error: the run cannot go on.
     */
    Mono<Response> postJson(String path, String json, TokenSession as, Map<String, String> headers) {
        return Mono.defer(() -> client.headers(h -> {
                            h.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                            authorise(h, as);
                            headers.forEach(h::set);
                        })
                        .post().uri(path)
                        .send(ByteBufFlux.fromString(Mono.just(json)))
                        .responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                                .map(text -> new Response(response.status().code(), text))))
                .flatMap(response -> refusal("POST " + path, response, as));
    }

    /** A GET, with {@code as}'s access token when given; refusals as for {@link #postJson}. */
    Mono<Response> get(String path, TokenSession as) {
        return Mono.defer(() -> client.headers(h -> authorise(h, as))
                        .get().uri(path)
                        .responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                                .map(text -> new Response(response.status().code(), text))))
                .flatMap(response -> refusal("GET " + path, response, as));
    }

    /**
     * A server-sent event stream on its own connection; {@code lastEventId} resumes after that id. Errors when
     * the server answers anything but 200 ({@link AccessRefused} for 401, 403 and 429); completes when the server
     * ends the stream. Each (re)connection sends the account's access token of that moment.
     */
    Flux<SseParser.SseEvent> sse(String path, String lastEventId, TokenSession as) {
        return Flux.defer(() -> {
            SseParser parser = new SseParser();
            return streams.headers(h -> {
                        h.set(HttpHeaderNames.ACCEPT, "text/event-stream");
                        authorise(h, as);
                        if (lastEventId != null) {
                            h.set("Last-Event-ID", lastEventId);
                        }
                    })
                    .get().uri(path)
                    .response((response, body) -> {
                        int status = response.status().code();
                        if (status == 200) {
                            return body.asByteArray();
                        }
                        return body.aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                                .flatMapMany(text -> Flux.error(as != null && AccessRefused.stopsTheRun(status)
                                        ? AccessRefused.withToken(status, "GET " + path, text, as)
                                        : new StatusException(status, path)));
                    })
                    .concatMapIterable(parser::feed);
        });
    }

    /**
     * Reads a streamed body to its end counting bytes and newline-terminated lines; answers the status, or
     * the status of a refusal ({@link AccessRefused} for 401, 403 and 429 with a token).
     */
    Mono<Integer> stream(String path, String accept, TokenSession as, AtomicLong bytes, AtomicLong lines,
                         AtomicLong firstByteNanos) {
        return streams.headers(h -> {
                    h.set(HttpHeaderNames.ACCEPT, accept);
                    authorise(h, as);
                })
                .get().uri(path)
                .response((response, body) -> {
                    int status = response.status().code();
                    if (as != null && AccessRefused.stopsTheRun(status)) {
                        return body.aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                                .flatMap(text -> Mono.<Integer>error(
                                        AccessRefused.withToken(status, "GET " + path, text, as)));
                    }
                    if (status != 200) {
                        return body.then(Mono.just(status));
                    }
                    return body.doOnNext(buf -> count(buf, bytes, lines, firstByteNanos)).then(Mono.just(status));
                })
                .next();
    }

    private static void authorise(HttpHeaders headers, TokenSession as) {
        if (as != null) {
            headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + as.accessToken());
        }
    }

    private static Mono<Response> refusal(String request, Response response, TokenSession as) {
        if (as != null && AccessRefused.stopsTheRun(response.status())) {
            return Mono.error(AccessRefused.withToken(response.status(), request, response.body(), as));
        }
        return Mono.just(response);
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
