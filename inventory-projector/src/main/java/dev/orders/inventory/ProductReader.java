package dev.orders.inventory;

import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reads the catalogue without blocking: R2DBC on the request's own thread. */
@ConditionalOnRole(InstanceRole.INVENTORY)
@Component
class ProductReader {

    private static final String COLUMNS = "SELECT sku, name, price_cents, currency, on_hand, reserved"
            + " FROM inventory.products";

    private final DatabaseClient database;

    ProductReader(DatabaseClient database) {
        this.database = database;
    }

    Mono<ProductView> find(String sku) {
        return database.sql(COLUMNS + " WHERE sku = :sku")
                .bind("sku", sku)
                .map(ProductReader::view)
                .one();
    }

    /** The page after {@code cursor} (exclusive; null for the first page), in SKU order. */
    Mono<ProductPage> page(String cursor, int limit) {
        // Every SKU is non-empty, so "" sorts before all of them and stands for "from the start".
        return database.sql(COLUMNS + " WHERE sku > :after ORDER BY sku LIMIT :rows")
                .bind("after", cursor == null ? "" : cursor)
                .bind("rows", limit + 1)
                .map(ProductReader::view)
                .all()
                .collectList()
                .map(rows -> ProductPage.of(rows, limit));
    }

    private static ProductView view(Readable row) {
        return ProductView.of(row.get("sku", String.class), row.get("name", String.class),
                row.get("price_cents", Long.class), row.get("currency", String.class),
                row.get("on_hand", Integer.class), row.get("reserved", Integer.class));
    }
}
