package dev.orders.payment;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.orders.api.Ids;
import dev.orders.api.Money;
import dev.orders.api.inventory.InventoryEvent.StockReserved;
import dev.orders.api.order.OrderEvent.OrderPlaced;
import dev.orders.api.order.OrderLine;
import dev.orders.api.payment.PaymentCommand.RequestAuthorization;
import dev.orders.platform.axon.AxonPlatformConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.saga.SimpleResourceInjector;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.Test;

/** The saga's state survives the saga store's serializer, configured as the platform configures it. */
class OrderFulfilmentSagaSerializationTest {

    private static final UUID ORDER = UUID.fromString("00000000-0000-0000-0000-000000000002");
    private static final Money TOTAL = new Money(3_000, "EUR");

    @Test
    void restoredSagaContinuesWhereItStopped() {
        Jackson3Serializer serializer = Jackson3Serializer.builder()
                .jsonMapperBuilderCustomizer(new AxonPlatformConfiguration().jackson3SerializerCustomizer())
                .build();
        CommandGateway commands = mock(CommandGateway.class);
        when(commands.send(any())).thenReturn(CompletableFuture.completedFuture(null));
        SimpleResourceInjector resources = new SimpleResourceInjector(commands, mock(DeadlineManager.class),
                new FulfilmentSettings(Duration.ofSeconds(30)));

        OrderFulfilmentSaga saga = new OrderFulfilmentSaga();
        resources.injectResources(saga);
        saga.on(new OrderPlaced(ORDER, "alice", List.of(
                new OrderLine("SKU-1", 2, new Money(1_250, "EUR")),
                new OrderLine("SKU-2", 1, new Money(500, "EUR"))), TOTAL, "tok_approve"));
        saga.on(new StockReserved("SKU-1", ORDER, 2, 10, 2));

        SerializedObject<byte[]> stored = serializer.serialize(saga, byte[].class);
        OrderFulfilmentSaga restored = serializer.deserialize(stored);
        resources.injectResources(restored);
        restored.on(new StockReserved("SKU-2", ORDER, 1, 5, 1));

        verify(commands).send(new RequestAuthorization(Ids.paymentId(ORDER), ORDER, TOTAL, "tok_approve"));
    }
}
