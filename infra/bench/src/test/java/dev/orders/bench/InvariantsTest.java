package dev.orders.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvariantsTest {

    @Test
    void overReservedOrNegativeStockIsAViolation() {
        Invariants invariants = new Invariants();
        invariants.checkStock(List.of(new Catalogue.Product("A", 10, 3, 7), new Catalogue.Product("B", 2, 5, -3),
                new Catalogue.Product("C", -1, 0, -1)));
        assertThat(invariants.violations()).isEqualTo(1);
        assertThat(invariants.figures().toString()).contains("2 products violate it", "B onHand=2 reserved=5",
                "C onHand=-1");
    }

    @Test
    void reservationsMustEqualWhatConfirmedOrdersHold() {
        Invariants ok = new Invariants();
        ok.checkReservations(List.of(new Catalogue.Product("A", 10, 3, 7), new Catalogue.Product("B", 10, 0, 10)),
                Map.of("A", 3L), 0);
        assertThat(ok.violations()).isZero();

        Invariants leaked = new Invariants();
        leaked.checkReservations(List.of(new Catalogue.Product("A", 10, 5, 5)), Map.of("A", 3L, "Z", 1L), 0);
        assertThat(leaked.violations()).isEqualTo(1);
        assertThat(leaked.figures().toString()).contains("A reserved=5 confirmed orders hold 3",
                "Z is not in the catalogue");
    }

    @Test
    void reservationsAreNotComparedWhileOrdersAreInFlight() {
        Invariants invariants = new Invariants();
        invariants.checkReservations(List.of(new Catalogue.Product("A", 10, 5, 5)), Map.of(), 2);
        assertThat(invariants.violations()).isZero();
        assertThat(invariants.figures().toString()).contains("skipped: 2 orders");
    }
}
