package dev.orders.inventory;

import dev.orders.api.Money;
import dev.orders.api.error.NotFoundException;
import dev.orders.api.inventory.InventoryCommand.CreateProduct;
import dev.orders.api.inventory.InventoryCommand.RestockProduct;
import dev.orders.platform.messaging.ReactiveGateway;
import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The product catalogue and its stock: create and restock products, read them. */
@ConditionalOnRole(InstanceRole.INVENTORY)
@RestController
@RequestMapping("/api/v1/products")
public class ProductController {

    private final ReactiveGateway gateway;
    private final ProductReader reader;

    ProductController(ReactiveGateway gateway, ProductReader reader) {
        this.gateway = gateway;
        this.reader = reader;
    }

    /**
     * Answers with the product as created rather than reading it back: the catalogue is an eventually
     * consistent projection and may not show it yet.
     */
    @PostMapping
    public Mono<ResponseEntity<ProductView>> create(@Valid @RequestBody CreateProductRequest request) {
        CreateProduct command = new CreateProduct(request.sku(), request.name(),
                new Money(request.priceCents(), request.currency()), request.initialStock());
        ProductView created = ProductView.of(request.sku(), request.name(), request.priceCents(),
                request.currency(), request.initialStock(), 0);
        return gateway.send(command)
                .then(Mono.fromSupplier(() -> ResponseEntity.created(URI.create("/api/v1/products/" + request.sku()))
                        .body(created)));
    }

    @PostMapping("/{sku}/restock")
    public Mono<ResponseEntity<RestockAccepted>> restock(@PathVariable String sku,
                                                         @Valid @RequestBody RestockRequest request) {
        return gateway.send(new RestockProduct(sku, request.quantity()))
                .then(Mono.fromSupplier(() -> ResponseEntity.status(HttpStatus.ACCEPTED)
                        .body(new RestockAccepted(sku, request.quantity()))));
    }

    @GetMapping
    public Mono<ProductPage> list(@RequestParam(required = false) String cursor,
                                  @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return reader.page(cursor, limit);
    }

    @GetMapping("/{sku}")
    public Mono<ProductView> get(@PathVariable String sku) {
        return reader.find(sku).switchIfEmpty(Mono.error(() -> new NotFoundException("Product", sku)));
    }
}
