package dev.orders.platform.web;

import java.nio.charset.StandardCharsets;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Problem details written by web filters, which answer before any controller (and so before
 * {@link ProblemDetailsAdvice}) is reached: authentication, access, rate and size limits. Same shape as the advice's.
 */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    /**
     * Answers with a problem document. A request body nobody read is drained first: answering a keep-alive request
     * without reading its body left Reactor Netty's connection unable to take the next request now and then (seen
     * after two refused writes on one connection), which hangs the client's next call.
     */
    public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String code, String detail) {
        return drain(exchange).then(Mono.defer(() -> answer(exchange, status, code, detail)));
    }

    /**
     * Answers without reading the body (it is too large to read) and closes the connection afterwards, so the unread
     * rest can neither be taken for the next request nor stall it.
     */
    public static Mono<Void> writeAndClose(ServerWebExchange exchange, HttpStatus status, String code, String detail) {
        exchange.getResponse().getHeaders().set("Connection", "close");
        return answer(exchange, status, code, detail);
    }

    /** Reads and discards whatever body the request has; none, or one already read, is fine. */
    public static Mono<Void> drain(ServerWebExchange exchange) {
        return exchange.getRequest().getBody()
                .doOnNext(DataBufferUtils::release)
                .onErrorResume(e -> Mono.empty())
                .then();
    }

    private static Mono<Void> answer(ServerWebExchange exchange, HttpStatus status, String code, String detail) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        String body = "{\"type\":\"urn:orders:problem:" + code + "\",\"title\":" + quote(status.getReasonPhrase())
                + ",\"status\":" + status.value() + ",\"detail\":" + quote(detail)
                + ",\"instance\":" + quote(exchange.getRequest().getPath().value()) + "}";
        DataBuffer buffer = response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(buffer));
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
