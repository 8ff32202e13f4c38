package dev.orders.inventory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What a client sends to add a product to the catalogue with its opening stock. */
public record CreateProductRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}", message = "is not a valid SKU") String sku,
        @NotBlank @Size(max = StockItem.MAX_NAME_LENGTH) String name,
        @NotNull @Min(0) @Max(100_000_000) Long priceCents,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be a three-letter ISO 4217 code") String currency,
        @NotNull @Min(0) @Max(1_000_000) Integer initialStock) {
}
