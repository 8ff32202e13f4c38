package dev.orders.inventory;

import dev.orders.platform.persistence.ModuleSchema;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The inventory module: stock per SKU, the catalogue read model and the product endpoints. */
@Configuration(proxyBeanMethods = false)
public class InventoryModuleConfiguration {

    /** The inventory schema, migrated by the platform before any handler runs. */
    @Bean
    public ModuleSchema inventoryModuleSchema() {
        return new ModuleSchema("inventory", "classpath:db/migration/inventory");
    }

    /**
     * Stock items stay in memory between commands: a popular SKU takes a reservation, commit or release for every
     * order that holds it, and would otherwise be rebuilt from its events for each one.
     *
     * <p>Safe with several instances only because every decision a stock item takes on its state is an event (a
     * refused reservation is {@code StockReservationRejected}, not an exception): a copy that another instance changed
     * behind the cache fails to append at a taken sequence number, the cache drops it on the rollback, and the
     * command is retried on the item loaded afresh. Orders and payments refuse steps with exceptions, which append
     * nothing and would be final on stale state, so they are not cached.
     */
    @Bean
    public Cache stockItemCache() {
        return new WeakReferenceCache();
    }

    /** A snapshot every so many events bounds what an instance replays when the item is not in its cache. */
    @Bean
    public SnapshotTriggerDefinition stockItemSnapshotTrigger(
            Snapshotter snapshotter, @Value("${orders.inventory.snapshot-every:200}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
