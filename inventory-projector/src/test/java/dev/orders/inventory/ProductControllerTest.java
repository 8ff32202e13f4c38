package dev.orders.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.orders.api.Money;
import dev.orders.api.error.ConflictException;
import dev.orders.api.inventory.InventoryCommand.CreateProduct;
import dev.orders.api.inventory.InventoryCommand.RestockProduct;
import dev.orders.platform.messaging.ReactiveGateway;
import dev.orders.platform.web.ProblemDetailsAdvice;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The product endpoints over HTTP, with the command bus and the catalogue replaced by stand-ins. */
class ProductControllerTest {

    private final CommandGateway commands = mock(CommandGateway.class);
    private final ProductReader reader = mock(ProductReader.class);
    private WebTestClient http;

    @BeforeEach
    void setUp() {
        ReactiveGateway gateway = new ReactiveGateway(commands, mock(QueryGateway.class), Schedulers.boundedElastic());
        http = WebTestClient.bindToController(new ProductController(gateway, reader))
                .controllerAdvice(new ProblemDetailsAdvice())
                .build();
    }

    private static Map<String, Object> mug() {
        return Map.of("sku", "MUG-1", "name", "Mug", "priceCents", 1299, "currency", "EUR", "initialStock", 10);
    }

    @Test
    void createsProductAndAnswersWithItsLocationAndView() {
        when(commands.send(any())).thenReturn(CompletableFuture.completedFuture(null));

        http.post().uri("/api/v1/products").bodyValue(mug()).exchange()
                .expectStatus().isCreated()
                .expectHeader().location("/api/v1/products/MUG-1")
                .expectBody(ProductView.class)
                .isEqualTo(new ProductView("MUG-1", "Mug", 1299, "EUR", 10, 0, 10));
        verify(commands).send(new CreateProduct("MUG-1", "Mug", new Money(1299, "EUR"), 10));
    }

    @Test
    void duplicateSkuIsAConflict() {
        when(commands.send(any())).thenReturn(CompletableFuture.failedFuture(new ConflictException("exists")));

        http.post().uri("/api/v1/products").bodyValue(mug()).exchange()
                .expectStatus().isEqualTo(409);
    }

    @Test
    void aRaceThatOutlastsTheRetriesIsARepeatableConflict() {
        when(commands.send(any())).thenReturn(CompletableFuture.failedFuture(
                new ConcurrencyException("sequence number 7 already taken")));

        Map<?, ?> problem = http.post().uri("/api/v1/products/MUG-1/restock").bodyValue(Map.of("quantity", 5))
                .exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().valueEquals("Retry-After", "1")
                .expectBody(Map.class).returnResult().getResponseBody();

        assertThat(problem.get("type")).isEqualTo("urn:orders:problem:concurrent-update");
        assertThat((String) problem.get("detail")).doesNotContain("sequence");
    }

    @Test
    void refusesInvalidProductWithoutSendingACommand() {
        Map<String, Object> invalid = Map.of("sku", "-bad", "name", " ", "priceCents", -1, "currency", "eur",
                "initialStock", 1_000_001);

        Map<?, ?> problem = http.post().uri("/api/v1/products").bodyValue(invalid).exchange()
                .expectStatus().isBadRequest()
                .expectBody(Map.class).returnResult().getResponseBody();

        assertThat((List<?>) problem.get("errors")).hasSize(5);
        verify(commands, never()).send(any());
    }

    @Test
    void restockIsAccepted() {
        when(commands.send(any())).thenReturn(CompletableFuture.completedFuture(null));

        http.post().uri("/api/v1/products/MUG-1/restock").bodyValue(Map.of("quantity", 5)).exchange()
                .expectStatus().isAccepted()
                .expectBody(RestockAccepted.class).isEqualTo(new RestockAccepted("MUG-1", 5));
        verify(commands).send(new RestockProduct("MUG-1", 5));
    }

    @Test
    void restockOfUnknownProductIsNotFound() {
        when(commands.send(any())).thenReturn(
                CompletableFuture.failedFuture(new AggregateNotFoundException("NOPE", "no events")));

        http.post().uri("/api/v1/products/NOPE/restock").bodyValue(Map.of("quantity", 5)).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void refusesRestockOfNothing() {
        http.post().uri("/api/v1/products/MUG-1/restock").bodyValue(Map.of("quantity", 0)).exchange()
                .expectStatus().isBadRequest();
        verify(commands, never()).send(any());
    }

    @Test
    void unknownProductIsNotFound() {
        when(reader.find("NOPE")).thenReturn(Mono.empty());

        http.get().uri("/api/v1/products/NOPE").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("urn:orders:problem:not-found");
    }

    @Test
    void listsFromTheCursorWithTheDefaultLimit() {
        ProductPage page = new ProductPage(List.of(ProductView.of("MUG-2", "Mug", 1, "EUR", 3, 1)), null);
        when(reader.page("MUG-1", 50)).thenReturn(Mono.just(page));

        http.get().uri("/api/v1/products?cursor=MUG-1").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items[0].sku").isEqualTo("MUG-2")
                .jsonPath("$.items[0].available").isEqualTo(2);
    }

    @Test
    void refusesLimitAboveTwoHundred() {
        http.get().uri("/api/v1/products?limit=201").exchange()
                .expectStatus().isBadRequest();
        verify(reader, never()).page(any(), anyInt());
    }
}
