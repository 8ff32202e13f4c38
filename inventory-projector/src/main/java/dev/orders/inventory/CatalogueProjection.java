package dev.orders.inventory;

import dev.orders.api.inventory.InventoryEvent.ProductCreated;
import dev.orders.api.inventory.InventoryEvent.StockCommitted;
import dev.orders.api.inventory.InventoryEvent.StockReleased;
import dev.orders.api.inventory.InventoryEvent.StockReserved;
import dev.orders.api.inventory.InventoryEvent.StockRestocked;
import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code inventory.products} in step with the StockItem events. Events carry resulting counts and every
 * write only moves a row's {@code last_sequence} forward, so handling an event again changes nothing.
 * Writes join Axon's JDBC transaction, together with the processor's token update.
 */
@ConditionalOnRole(InstanceRole.INVENTORY)
@Component
@ProcessingGroup(CatalogueProjection.PROCESSING_GROUP)
class CatalogueProjection {

    static final String PROCESSING_GROUP = "inventory-catalogue";

    private static final String CREATE = """
            INSERT INTO inventory.products
                (sku, name, price_cents, currency, on_hand, reserved, created_at, updated_at, last_sequence)
            VALUES (:sku, :name, :priceCents, :currency, :onHand, 0, :at, :at, :seq)
            ON CONFLICT (sku) DO UPDATE SET
                name = EXCLUDED.name, price_cents = EXCLUDED.price_cents, currency = EXCLUDED.currency,
                on_hand = EXCLUDED.on_hand, reserved = EXCLUDED.reserved, created_at = EXCLUDED.created_at,
                updated_at = EXCLUDED.updated_at, last_sequence = EXCLUDED.last_sequence
            WHERE inventory.products.last_sequence < EXCLUDED.last_sequence
            """;

    private static final String SET_STOCK = """
            UPDATE inventory.products
               SET on_hand = :onHand, reserved = :reserved, updated_at = :at, last_sequence = :seq
             WHERE sku = :sku AND last_sequence < :seq
            """;

    private final NamedParameterJdbcTemplate jdbc;

    CatalogueProjection(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProductCreated event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        jdbc.update(CREATE, new MapSqlParameterSource()
                .addValue("sku", event.sku())
                .addValue("name", event.name())
                .addValue("priceCents", event.price().cents())
                .addValue("currency", event.price().currency())
                .addValue("onHand", event.initialStock())
                .addValue("at", utc(timestamp))
                .addValue("seq", sequence));
    }

    @EventHandler
    void on(StockRestocked event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        setStock(event.sku(), event.onHand(), event.reserved(), sequence, timestamp);
    }

    @EventHandler
    void on(StockReserved event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        setStock(event.sku(), event.onHand(), event.reserved(), sequence, timestamp);
    }

    @EventHandler
    void on(StockReleased event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        setStock(event.sku(), event.onHand(), event.reserved(), sequence, timestamp);
    }

    @EventHandler
    void on(StockCommitted event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        setStock(event.sku(), event.onHand(), event.reserved(), sequence, timestamp);
    }

    /** A rebuild replays every event from the start, so it starts from an empty table. */
    @ResetHandler
    void reset() {
        jdbc.getJdbcTemplate().update("DELETE FROM inventory.products");
    }

    private void setStock(String sku, int onHand, int reserved, long sequence, Instant timestamp) {
        jdbc.update(SET_STOCK, new MapSqlParameterSource()
                .addValue("sku", sku)
                .addValue("onHand", onHand)
                .addValue("reserved", reserved)
                .addValue("at", utc(timestamp))
                .addValue("seq", sequence));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
