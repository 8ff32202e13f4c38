package dev.orders.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** What a client sends to place an order: SKUs and quantities only; prices come from the catalogue. */
public record PlaceOrderRequest(
        @Size(max = 100) String customerId,
        @NotEmpty @Size(max = Order.MAX_LINES) List<@NotNull @Valid Line> lines,
        @NotBlank @Size(max = 100) String paymentToken) {

    /** One line of the request. */
    public record Line(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}", message = "is not a valid SKU") String sku,
            @NotNull @Min(1) @Max(Order.MAX_QUANTITY) Integer quantity) {
    }
}
