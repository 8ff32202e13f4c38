package dev.orders.order;

import jakarta.validation.constraints.Size;

/** An optional reason given when cancelling. */
public record CancelRequest(@Size(max = 500) String reason) {
}
