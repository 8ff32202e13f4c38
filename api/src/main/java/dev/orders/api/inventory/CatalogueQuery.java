package dev.orders.api.inventory;

import dev.orders.api.Money;
import java.util.List;
import java.util.Set;

/** Queries answered by the catalogue (inventory module). */
public final class CatalogueQuery {

    private CatalogueQuery() {
    }

    /** Looks up catalogue entries; unknown SKUs are simply absent from the answer. */
    public record FindCatalogueEntries(Set<String> skus) {
    }

    public record CatalogueEntries(List<CatalogueEntry> entries) {
    }

    public record CatalogueEntry(String sku, String name, Money price) {
    }
}
