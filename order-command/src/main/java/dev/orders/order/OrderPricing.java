package dev.orders.order;

import dev.orders.api.error.InvalidRequestException;
import dev.orders.api.inventory.CatalogueQuery.CatalogueEntries;
import dev.orders.api.inventory.CatalogueQuery.CatalogueEntry;
import dev.orders.api.inventory.CatalogueQuery.FindCatalogueEntries;
import dev.orders.api.order.OrderLine;
import dev.orders.platform.messaging.ReactiveGateway;
import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Prices requested lines from the catalogue; the client never sets a price. */
@ConditionalOnRole(InstanceRole.COMMAND)
@Component
class OrderPricing {

    private final ReactiveGateway gateway;

    OrderPricing(ReactiveGateway gateway) {
        this.gateway = gateway;
    }

    Mono<List<OrderLine>> price(List<PlaceOrderRequest.Line> requested) {
        Set<String> skus = requested.stream().map(PlaceOrderRequest.Line::sku)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (skus.size() != requested.size()) {
            return Mono.error(new InvalidRequestException("Each SKU may appear on one line only"));
        }
        return gateway.query(new FindCatalogueEntries(skus), CatalogueEntries.class)
                .map(found -> toLines(requested, found));
    }

    private static List<OrderLine> toLines(List<PlaceOrderRequest.Line> requested, CatalogueEntries found) {
        Map<String, CatalogueEntry> bySku = found.entries().stream()
                .collect(Collectors.toMap(CatalogueEntry::sku, Function.identity()));
        Set<String> unknown = new TreeSet<>();
        requested.forEach(line -> {
            if (!bySku.containsKey(line.sku())) {
                unknown.add(line.sku());
            }
        });
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException("Unknown SKU: " + String.join(", ", unknown));
        }
        return requested.stream()
                .map(line -> new OrderLine(line.sku(), line.quantity(), bySku.get(line.sku()).price()))
                .toList();
    }
}
