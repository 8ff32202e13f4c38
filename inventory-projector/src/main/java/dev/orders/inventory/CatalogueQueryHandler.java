package dev.orders.inventory;

import dev.orders.api.Money;
import dev.orders.api.inventory.CatalogueQuery.CatalogueEntries;
import dev.orders.api.inventory.CatalogueQuery.CatalogueEntry;
import dev.orders.api.inventory.CatalogueQuery.FindCatalogueEntries;
import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers catalogue look-ups, e.g. for pricing orders; it runs on the caller's (non-event-loop) thread. Registered
 * by the command role too, which prices orders with it: without Axon Server a query reaches only the handlers in the
 * JVM that sends it.
 */
@ConditionalOnRole({InstanceRole.INVENTORY, InstanceRole.COMMAND})
@Component
class CatalogueQueryHandler {

    private static final String FIND = """
            SELECT sku, name, price_cents, currency FROM inventory.products WHERE sku IN (:skus) ORDER BY sku
            """;

    private final NamedParameterJdbcTemplate jdbc;

    CatalogueQueryHandler(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    CatalogueEntries handle(FindCatalogueEntries query) {
        if (query.skus() == null || query.skus().isEmpty()) {
            return new CatalogueEntries(List.of());
        }
        List<CatalogueEntry> entries = jdbc.query(FIND, Map.of("skus", query.skus()),
                (row, index) -> new CatalogueEntry(row.getString("sku"), row.getString("name"),
                        new Money(row.getLong("price_cents"), row.getString("currency"))));
        return new CatalogueEntries(entries);
    }
}
