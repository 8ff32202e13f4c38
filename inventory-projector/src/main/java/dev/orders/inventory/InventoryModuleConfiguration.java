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
     * order that holds it, and would otherwise be rebuilt from its events for each one. The cache is safe with
     * several instances: an item changed elsewhere fails to append (its sequence number is taken), the cache
     * drops it on the rollback, and the retry loads it afresh.
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
