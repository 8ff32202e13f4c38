package dev.orders.platform.edge;

import dev.orders.platform.web.ProblemDetailsAdvice;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class RequestBodyLimitFilterTest {

    @RestController
    static class Echo {
        @PostMapping("/echo")
        Mono<String> echo(@RequestBody String body) {
            return Mono.just(Integer.toString(body.length()));
        }
    }

    private final WebTestClient client = WebTestClient.bindToController(new Echo())
            .controllerAdvice(new ProblemDetailsAdvice())
            .webFilter(new RequestBodyLimitFilter(100))
            .build();

    @Test
    void acceptsBodiesUpToTheLimit() {
        client.post().uri("/echo").bodyValue("x".repeat(100)).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("100");
    }

    @Test
    void refusesADeclaredOversizedBodyBeforeReadingIt() {
        client.post().uri("/echo").bodyValue("x".repeat(101)).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.detail").isEqualTo("The request body is larger than 100 bytes");
    }

    @Test
    void refusesAChunkedBodyOnceItGrowsPastTheLimit() {
        Flux<DataBuffer> chunks = Flux.range(0, 5).map(i -> DefaultDataBufferFactory.sharedInstance
                .wrap("y".repeat(30).getBytes(StandardCharsets.UTF_8)));
        client.post().uri("/echo").body(chunks, DataBuffer.class).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectBody().jsonPath("$.type").isEqualTo("urn:orders:problem:http-413");
    }
}
