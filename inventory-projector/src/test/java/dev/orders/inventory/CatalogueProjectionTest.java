package dev.orders.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.api.Money;
import dev.orders.api.inventory.CatalogueQuery.CatalogueEntries;
import dev.orders.api.inventory.CatalogueQuery.CatalogueEntry;
import dev.orders.api.inventory.CatalogueQuery.FindCatalogueEntries;
import dev.orders.api.inventory.InventoryEvent.ProductCreated;
import dev.orders.api.inventory.InventoryEvent.StockCommitted;
import dev.orders.api.inventory.InventoryEvent.StockReleased;
import dev.orders.api.inventory.InventoryEvent.StockReserved;
import dev.orders.api.inventory.InventoryEvent.StockRestocked;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.test.StepVerifier;

/** The catalogue's SQL against a real PostgreSQL migrated by the module's own Flyway scripts. */
class CatalogueProjectionTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final UUID ORDER = UUID.fromString("00000000-0000-0000-0000-000000000001");

    private static EmbeddedPostgres postgres;
    private static NamedParameterJdbcTemplate jdbc;
    private static DatabaseClient database;

    private final CatalogueProjection projection = new CatalogueProjection(jdbc);
    private final CatalogueQueryHandler queries = new CatalogueQueryHandler(jdbc);
    private final ProductReader reader = new ProductReader(database);

    @BeforeAll
    static void startDatabase() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        // Same settings the platform migrates module schemas with.
        Flyway.configure().dataSource(postgres.getPostgresDatabase())
                .schemas("inventory").defaultSchema("inventory").createSchemas(true)
                .locations("classpath:db/migration/inventory")
                .load().migrate();
        jdbc = new NamedParameterJdbcTemplate(postgres.getPostgresDatabase());
        database = DatabaseClient.create(new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                .host("localhost").port(postgres.getPort()).database("postgres").username("postgres").build()));
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void emptyCatalogue() {
        projection.reset();
    }

    private void create(String sku, int stock) {
        projection.on(new ProductCreated(sku, "Product " + sku, new Money(250, "EUR"), stock), 0, T0);
    }

    private Map<String, Object> row(String sku) {
        return jdbc.queryForMap("SELECT * FROM inventory.products WHERE sku = :sku", Map.of("sku", sku));
    }

    @Test
    void showsStockAfterEachEvent() {
        create("MUG", 10);
        projection.on(new StockReserved("MUG", ORDER, 4, 10, 4), 1, T0.plusSeconds(1));
        projection.on(new StockCommitted("MUG", ORDER, 4, 6, 0), 2, T0.plusSeconds(2));

        StepVerifier.create(reader.find("MUG"))
                .expectNext(new ProductView("MUG", "Product MUG", 250, "EUR", 6, 0, 6))
                .verifyComplete();
        assertThat(row("MUG")).containsEntry("last_sequence", 2L);
    }

    @Test
    void handlingEventsAgainChangesNothing() {
        ProductCreated created = new ProductCreated("MUG", "Mug", new Money(250, "EUR"), 10);
        StockReserved reserved = new StockReserved("MUG", ORDER, 4, 10, 4);
        StockRestocked restocked = new StockRestocked("MUG", 5, 15, 4);
        StockReleased released = new StockReleased("MUG", ORDER, 4, 15, 0);
        projection.on(created, 0, T0);
        projection.on(reserved, 1, T0.plusSeconds(1));
        projection.on(restocked, 2, T0.plusSeconds(2));
        projection.on(released, 3, T0.plusSeconds(3));
        Map<String, Object> once = row("MUG");

        projection.on(created, 0, T0);
        projection.on(reserved, 1, T0.plusSeconds(1));
        projection.on(restocked, 2, T0.plusSeconds(2));
        projection.on(released, 3, T0.plusSeconds(3));

        assertThat(row("MUG")).isEqualTo(once)
                .containsEntry("on_hand", 15).containsEntry("reserved", 0).containsEntry("last_sequence", 3L);
    }

    @Test
    void unknownProductIsEmpty() {
        StepVerifier.create(reader.find("NOPE")).verifyComplete();
    }

    @Test
    void pagesThroughTheCatalogueInSkuOrder() {
        create("b-2", 1);
        create("A-1", 1);
        create("c.3", 1);

        StepVerifier.create(reader.page(null, 2))
                .assertNext(page -> {
                    assertThat(page.items()).extracting(ProductView::sku).containsExactly("A-1", "b-2");
                    assertThat(page.nextCursor()).isEqualTo("b-2");
                })
                .verifyComplete();
        StepVerifier.create(reader.page("b-2", 2))
                .assertNext(page -> {
                    assertThat(page.items()).extracting(ProductView::sku).containsExactly("c.3");
                    assertThat(page.nextCursor()).isNull();
                })
                .verifyComplete();
    }

    @Test
    void catalogueLookupLeavesUnknownSkusOut() {
        create("MUG", 10);
        create("CUP", 0);

        CatalogueEntries answer = queries.handle(new FindCatalogueEntries(Set.of("MUG", "CUP", "NOPE")));

        assertThat(answer.entries()).containsExactly(
                new CatalogueEntry("CUP", "Product CUP", new Money(250, "EUR")),
                new CatalogueEntry("MUG", "Product MUG", new Money(250, "EUR")));
    }

    @Test
    void emptyLookupFindsNothing() {
        assertThat(queries.handle(new FindCatalogueEntries(Set.of())).entries()).isEmpty();
    }
}
