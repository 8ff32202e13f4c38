package dev.orders.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;
import static org.hamcrest.Matchers.any;

import dev.orders.api.Money;
import dev.orders.api.error.ConflictException;
import dev.orders.api.error.InvalidRequestException;
import dev.orders.api.inventory.InventoryCommand.CommitStock;
import dev.orders.api.inventory.InventoryCommand.CreateProduct;
import dev.orders.api.inventory.InventoryCommand.ReleaseStock;
import dev.orders.api.inventory.InventoryCommand.ReserveStock;
import dev.orders.api.inventory.InventoryCommand.RestockProduct;
import dev.orders.api.inventory.InventoryEvent.ProductCreated;
import dev.orders.api.inventory.InventoryEvent.StockCommitted;
import dev.orders.api.inventory.InventoryEvent.StockReleased;
import dev.orders.api.inventory.InventoryEvent.StockReservationRejected;
import dev.orders.api.inventory.InventoryEvent.StockReserved;
import dev.orders.api.inventory.InventoryEvent.StockRestocked;
import java.util.UUID;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every decision the stock of one SKU takes, from its events to the events it records. */
class StockItemTest {

    private static final String SKU = "MUG-1";
    private static final Money PRICE = new Money(1299, "EUR");
    private static final UUID ORDER = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID OTHER_ORDER = UUID.fromString("00000000-0000-0000-0000-000000000002");

    private AggregateTestFixture<StockItem> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(StockItem.class);
    }

    private static ProductCreated created(int stock) {
        return new ProductCreated(SKU, "Mug", PRICE, stock);
    }

    @Test
    void createsProductWithItsOpeningStock() {
        fixture.givenNoPriorActivity()
                .when(new CreateProduct(SKU, "Mug", PRICE, 10))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created(10));
    }

    @Test
    void createsProductWithoutStock() {
        fixture.givenNoPriorActivity()
                .when(new CreateProduct(SKU, "Mug", PRICE, 0))
                .expectEvents(created(0));
    }

    @Test
    void refusesSecondProductWithTheSameSku() {
        fixture.given(created(10))
                .when(new CreateProduct(SKU, "Another mug", PRICE, 5))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void refusesProductWithBlankName() {
        fixture.givenNoPriorActivity()
                .when(new CreateProduct(SKU, "  ", PRICE, 1))
                .expectException(InvalidRequestException.class)
                .expectNoEvents();
    }

    @Test
    void refusesProductWithTooLongName() {
        fixture.givenNoPriorActivity()
                .when(new CreateProduct(SKU, "x".repeat(201), PRICE, 1))
                .expectException(InvalidRequestException.class)
                .expectNoEvents();
    }

    @Test
    void refusesProductWithoutPrice() {
        fixture.givenNoPriorActivity()
                .when(new CreateProduct(SKU, "Mug", null, 1))
                .expectException(InvalidRequestException.class);
    }

    @Test
    void refusesNegativeOpeningStock() {
        fixture.givenNoPriorActivity()
                .when(new CreateProduct(SKU, "Mug", PRICE, -1))
                .expectException(InvalidRequestException.class)
                .expectNoEvents();
    }

    @Test
    void restockAddsToStockOnHandAndKeepsReservations() {
        fixture.given(created(10), new StockReserved(SKU, ORDER, 4, 10, 4))
                .when(new RestockProduct(SKU, 5))
                .expectEvents(new StockRestocked(SKU, 5, 15, 4));
    }

    @Test
    void refusesRestockOfNothing() {
        fixture.given(created(10))
                .when(new RestockProduct(SKU, 0))
                .expectException(InvalidRequestException.class)
                .expectNoEvents();
    }

    @Test
    void refusesRestockOfUnknownProduct() {
        fixture.givenNoPriorActivity()
                .when(new RestockProduct(SKU, 5))
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void reservesWhenEnoughIsAvailable() {
        fixture.given(created(10))
                .when(new ReserveStock(SKU, ORDER, 10))
                .expectEvents(new StockReserved(SKU, ORDER, 10, 10, 10));
    }

    @Test
    void rejectsReservationBeyondWhatIsAvailable() {
        fixture.given(created(10), new StockReserved(SKU, OTHER_ORDER, 7, 10, 7))
                .when(new ReserveStock(SKU, ORDER, 4))
                .expectEvents(new StockReservationRejected(SKU, ORDER, 4, 3));
    }

    @Test
    void repeatedReservationOfTheSameOrderReservesOnce() {
        fixture.given(created(10), new StockReserved(SKU, ORDER, 4, 10, 4))
                .when(new ReserveStock(SKU, ORDER, 4))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void repeatedReservationAfterRejectionDecidesNothingNew() {
        fixture.given(created(1), new StockReservationRejected(SKU, ORDER, 4, 1), new StockRestocked(SKU, 9, 10, 0))
                .when(new ReserveStock(SKU, ORDER, 4))
                .expectNoEvents();
    }

    @Test
    void lateReservationOfAReleasedOrderDoesNotHoldStockAgain() {
        fixture.given(created(10), new StockReserved(SKU, ORDER, 4, 10, 4), new StockReleased(SKU, ORDER, 4, 10, 0))
                .when(new ReserveStock(SKU, ORDER, 4))
                .expectNoEvents();
    }

    @Test
    void refusesReservationOfNothing() {
        fixture.given(created(10))
                .when(new ReserveStock(SKU, ORDER, 0))
                .expectException(InvalidRequestException.class)
                .expectNoEvents();
    }

    @Test
    void releaseGivesTheOrdersReservationBack() {
        fixture.given(created(10), new StockReserved(SKU, OTHER_ORDER, 2, 10, 2),
                        new StockReserved(SKU, ORDER, 4, 10, 6))
                .when(new ReleaseStock(SKU, ORDER))
                .expectEvents(new StockReleased(SKU, ORDER, 4, 10, 2));
    }

    @Test
    void releaseWithoutReservationIsNoOp() {
        fixture.given(created(10), new StockReserved(SKU, OTHER_ORDER, 2, 10, 2))
                .when(new ReleaseStock(SKU, ORDER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void releasingTwiceReleasesOnce() {
        fixture.given(created(10), new StockReserved(SKU, ORDER, 4, 10, 4), new StockReleased(SKU, ORDER, 4, 10, 0))
                .when(new ReleaseStock(SKU, ORDER))
                .expectNoEvents();
    }

    @Test
    void commitTakesReservedGoodsOffTheShelf() {
        fixture.given(created(10), new StockReserved(SKU, OTHER_ORDER, 2, 10, 2),
                        new StockReserved(SKU, ORDER, 4, 10, 6))
                .when(new CommitStock(SKU, ORDER))
                .expectEvents(new StockCommitted(SKU, ORDER, 4, 6, 2));
    }

    @Test
    void commitWithoutReservationIsNoOp() {
        fixture.given(created(10))
                .when(new CommitStock(SKU, ORDER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void committingTwiceCommitsOnce() {
        fixture.given(created(10), new StockReserved(SKU, ORDER, 4, 10, 4), new StockCommitted(SKU, ORDER, 4, 6, 0))
                .when(new CommitStock(SKU, ORDER))
                .expectNoEvents();
    }

    @Test
    void releaseAfterCommitDoesNotPutShippedGoodsBack() {
        fixture.given(created(10), new StockReserved(SKU, ORDER, 4, 10, 4), new StockCommitted(SKU, ORDER, 4, 6, 0))
                .when(new ReleaseStock(SKU, ORDER))
                .expectNoEvents();
    }

    @Test
    void sellingOutLeavesNothingOnHandAndRefusesMore() {
        fixture.given(created(3), new StockReserved(SKU, ORDER, 3, 3, 3), new StockCommitted(SKU, ORDER, 3, 0, 0))
                .when(new ReserveStock(SKU, OTHER_ORDER, 1))
                .expectEvents(new StockReservationRejected(SKU, OTHER_ORDER, 1, 0))
                .expectState(item -> assertThat(item).extracting("onHand", "reserved").containsExactly(0, 0));
    }

    @Test
    void stockNeverGoesNegativeNorReservedAboveOnHandWhateverTheCommandOrder() {
        fixture.given(created(5))
                .andGivenCommands(
                        new ReserveStock(SKU, ORDER, 3),
                        new ReserveStock(SKU, OTHER_ORDER, 3),
                        new CommitStock(SKU, ORDER),
                        new CommitStock(SKU, ORDER),
                        new ReleaseStock(SKU, OTHER_ORDER),
                        new ReserveStock(SKU, UUID.randomUUID(), 2))
                .when(new ReserveStock(SKU, UUID.randomUUID(), 1))
                .expectEventsMatching(exactSequenceOf(messageWithPayload(any(StockReservationRejected.class))))
                .expectState(item -> assertThat(item).extracting("onHand", "reserved").containsExactly(2, 2));
    }
}
