package dev.orders.order;

import dev.orders.api.Ids;
import dev.orders.api.error.NotFoundException;
import dev.orders.api.order.OrderCommand;
import dev.orders.api.order.OrderCommand.CancelOrder;
import dev.orders.api.order.OrderCommand.DeliverOrder;
import dev.orders.api.order.OrderCommand.PlaceOrder;
import dev.orders.api.order.OrderCommand.ShipOrder;
import dev.orders.api.order.OrderStatus;
import dev.orders.platform.messaging.ReactiveGateway;
import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import dev.orders.platform.security.CallerIdentity;
import dev.orders.platform.security.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.UUID;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Places orders and moves them through their lifecycle. Answers 202: fulfilment continues asynchronously. */
@ConditionalOnRole(InstanceRole.COMMAND)
@RestController
@Validated
@RequestMapping("/api/v1/orders")
public class OrderCommandController {

    private final ReactiveGateway gateway;
    private final OrderPricing pricing;
    private final CallerIdentity callerIdentity;

    OrderCommandController(ReactiveGateway gateway, OrderPricing pricing, CallerIdentity callerIdentity) {
        this.gateway = gateway;
        this.pricing = pricing;
        this.callerIdentity = callerIdentity;
    }

    /**
     * The order id is derived from (customer, Idempotency-Key), so every repeat of a request, even concurrent
     * ones, addresses the same order and the event store lets exactly one creation win. The customer is the
     * caller; a body naming another customer is refused.
     */
    @PostMapping
    public Mono<ResponseEntity<OrderAccepted>> place(
            @RequestHeader(name = "Idempotency-Key", required = false)
            @Pattern(regexp = "[\\x21-\\x7E]{1,200}", message = "must be 1 to 200 visible ASCII characters")
            String idempotencyKey,
            @Valid @RequestBody PlaceOrderRequest request) {
        // Without a key every request is a new order; the key need not be unguessable, only unique.
        String key = idempotencyKey == null ? Ids.random().toString() : idempotencyKey;
        return callerIdentity.caller()
                .map(caller -> caller.actingCustomer(request.customerId()))
                .flatMap(customerId -> pricing.price(request.lines())
                        .flatMap(lines -> {
                            UUID orderId = Ids.orderId(customerId, key);
                            return gateway.<OrderStatus>send(
                                            new PlaceOrder(orderId, customerId, lines, request.paymentToken()))
                                    .map(status -> ResponseEntity.accepted()
                                            .location(URI.create("/api/v1/orders/" + orderId))
                                            .body(new OrderAccepted(orderId, status)));
                        }));
    }

    /** Customers cancel their own orders (someone else's answers 404); operators any order. */
    @PostMapping("/{orderId}/cancel")
    public Mono<ResponseEntity<OrderAccepted>> cancel(@PathVariable UUID orderId,
                                                      @Valid @RequestBody(required = false) CancelRequest request) {
        String reason = request == null ? null : request.reason();
        return callerIdentity.caller()
                .flatMap(caller -> step(new CancelOrder(orderId, reason, caller.has(Role.OPS) ? null : caller.id())));
    }

    @PostMapping("/{orderId}/ship")
    public Mono<ResponseEntity<OrderAccepted>> ship(@PathVariable UUID orderId) {
        return step(new ShipOrder(orderId));
    }

    @PostMapping("/{orderId}/deliver")
    public Mono<ResponseEntity<OrderAccepted>> deliver(@PathVariable UUID orderId) {
        return step(new DeliverOrder(orderId));
    }

    private Mono<ResponseEntity<OrderAccepted>> step(OrderCommand command) {
        return gateway.<OrderStatus>send(command)
                // Worded like the aggregate's ownership refusal, so the two cannot be told apart.
                .onErrorMap(AggregateNotFoundException.class, e -> new NotFoundException("order", command.orderId()))
                .map(status -> ResponseEntity.accepted().body(new OrderAccepted(command.orderId(), status)));
    }
}
