package dev.orders.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.api.Money;
import dev.orders.api.order.OrderEvent;
import dev.orders.api.order.OrderEvent.OrderCancelled;
import dev.orders.api.order.OrderEvent.OrderPlaced;
import dev.orders.api.order.OrderEvent.OrderStockReserved;
import dev.orders.api.order.OrderLine;
import dev.orders.api.order.OrderStatus;
import dev.orders.platform.persistence.DatabaseConfiguration;
import dev.orders.platform.persistence.DatabaseProperties;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The projection's SQL, the R2DBC reads and the LISTEN/NOTIFY wake-up against a real PostgreSQL. */
class OrderQueryDatabaseTest {

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;
    private static OrderProjection projection;
    private static TransactionTemplate transaction;
    private static R2dbcOrderReadModel readModel;
    private static R2dbcOrderChangeLog changeLog;
    private static DatabaseProperties properties;

    @BeforeAll
    static void startDatabase() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(dataSource).schemas("order_query").defaultSchema("order_query")
                .createSchemas(true).locations("classpath:db/migration/order_query").load().migrate();
        projection = new OrderProjection(new NamedParameterJdbcTemplate(dataSource));
        transaction = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        properties = new DatabaseProperties(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null, null, null);
        DatabaseClient client = DatabaseClient.create(
                new PostgresqlConnectionFactory(DatabaseConfiguration.r2dbcConfiguration(properties)));
        readModel = new R2dbcOrderReadModel(client);
        changeLog = new R2dbcOrderChangeLog(client);
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        postgres.close();
    }

    @Test
    void projectsEventsIntoViewAndChangeLogAndIgnoresRedelivery() {
        UUID orderId = UUID.randomUUID();
        Instant placedAt = Instant.parse("2026-03-01T10:00:00.123456789Z");
        handle(placed(orderId, "dora"), 0, placedAt);
        handle(new OrderStockReserved(orderId, "dora"), 1, placedAt.plusSeconds(1));
        // Redelivered and replayed events change nothing.
        handle(placed(orderId, "dora"), 0, placedAt);
        handle(new OrderStockReserved(orderId, "dora"), 1, placedAt.plusSeconds(1));
        handle(new OrderCancelled(orderId, "dora", "no longer needed", OrderStatus.STOCK_RESERVED), 2,
                placedAt.plusSeconds(2));

        OrderView view = readModel.find(orderId).block();
        assertThat(view.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(view.version()).isEqualTo(2);
        assertThat(view.placedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00.123456Z"));
        assertThat(view.lines()).containsExactly(new OrderView.Line("SKU-1", 3, 250, 750));
        assertThat(view.cancellationReason()).isEqualTo("no longer needed");

        List<OrderChange> changes = changeLog.forOrderAfter(orderId, -1).collectList().block();
        assertThat(changes).extracting(OrderChange::sequence).containsExactly(0L, 1L, 2L);
        assertThat(changes.get(2).view()).isEqualTo(view);
        assertThat(changes.get(0).position()).isLessThan(changes.get(1).position());
        assertThat(changeLog.forCustomerAfter("dora", changes.get(0).position()).collectList().block())
                .extracting(OrderChange::sequence).containsExactly(1L, 2L);
        assertThat(changeLog.lastPosition().block()).isGreaterThanOrEqualTo(changes.get(2).position());
    }

    @Test
    void listsNewestFirstAcrossPagesWithFilters() {
        String customer = "erin-" + UUID.randomUUID();
        Instant base = Instant.parse("2026-04-01T00:00:00Z");
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        handle(placed(a, customer), 0, base);
        handle(placed(b, customer), 0, base.plusSeconds(5));
        handle(placed(c, customer), 0, base.plusSeconds(5));
        handle(new OrderStockReserved(a, customer), 1, base.plusSeconds(9));

        List<OrderView> all = readModel.list(customer, null, null, null, null, 10).collectList().block();
        // PostgreSQL orders uuids by unsigned bytes, i.e. like their text; UUID.compareTo is signed.
        UUID tieFirst = b.toString().compareTo(c.toString()) > 0 ? b : c;
        UUID tieSecond = tieFirst.equals(b) ? c : b;
        assertThat(all).extracting(OrderView::orderId).containsExactly(tieFirst, tieSecond, a);

        OrderCursor cursor = OrderCursor.decode(OrderCursor.after(all.get(0)).encode());
        assertThat(readModel.list(customer, null, null, null, cursor, 10).collectList().block())
                .extracting(OrderView::orderId).containsExactly(tieSecond, a);
        assertThat(readModel.list(customer, OrderStatus.STOCK_RESERVED, null, null, null, 10).collectList().block())
                .extracting(OrderView::orderId).containsExactly(a);
        assertThat(readModel.list(customer, null, base.plusSeconds(1), base.plusSeconds(6), null, 10)
                .collectList().block()).hasSize(2);
    }

    @Test
    void hubWakesUpOnTheProjectionsNotification() {
        // A poll far beyond the test's time-out: only LISTEN/NOTIFY can deliver the change in time.
        OrderChangeHub hub = new OrderChangeHub(changeLog, properties, Duration.ofHours(1));
        hub.start();
        try {
            // Until the hub has read where the log ends, a change committed now would count as already published.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> hub.publishedPosition() >= 0);
            UUID first = UUID.randomUUID();
            UUID second = UUID.randomUUID();
            Flux<OrderChange> changes = hub.changes()
                    .filter(change -> change.orderId().equals(first) || change.orderId().equals(second))
                    .take(2);

            StepVerifier.create(changes)
                    // The first may arrive through the read that follows LISTEN; either way LISTEN is then active.
                    .then(() -> handle(placed(first, "fay"), 0, Instant.now()))
                    .assertNext(change -> assertThat(change.orderId()).isEqualTo(first))
                    // With the poll an hour away, only the notification sent on commit can deliver the second.
                    .then(() -> handle(placed(second, "fay"), 0, Instant.now()))
                    .assertNext(change -> assertThat(change.orderId()).isEqualTo(second))
                    .expectComplete()
                    .verify(Duration.ofSeconds(20));
        } finally {
            hub.stop();
        }
    }

    private static void handle(OrderEvent event, long sequence, Instant timestamp) {
        transaction.executeWithoutResult(status -> projection.on(event, sequence, timestamp));
    }

    private static OrderPlaced placed(UUID orderId, String customer) {
        return new OrderPlaced(orderId, customer, List.of(new OrderLine("SKU-1", 3, new Money(250, "EUR"))),
                new Money(750, "EUR"), "tok");
    }
}
