package dev.orders.inventory;

import java.util.List;

/** One page of the catalogue; pass {@code nextCursor} back as {@code cursor} for the next page (null: last). */
public record ProductPage(List<ProductView> items, String nextCursor) {

    /**
     * Builds a page from up to {@code limit + 1} rows sorted by SKU: the extra row only tells that another
     * page exists, which saves clients a final empty request.
     */
    static ProductPage of(List<ProductView> rows, int limit) {
        if (rows.size() <= limit) {
            return new ProductPage(List.copyOf(rows), null);
        }
        List<ProductView> items = List.copyOf(rows.subList(0, limit));
        return new ProductPage(items, items.get(limit - 1).sku());
    }
}
