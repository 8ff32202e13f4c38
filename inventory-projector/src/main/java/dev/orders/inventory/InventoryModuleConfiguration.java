package dev.orders.inventory;

import dev.orders.platform.persistence.ModuleSchema;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The inventory module: stock per SKU, the catalogue read model and the product endpoints. */
@Configuration(proxyBeanMethods = false)
public class InventoryModuleConfiguration {

    /** Name of the bean that decides when a stock item is snapshotted. */
    public static final String STOCK_ITEM_SNAPSHOTS = "stockItemSnapshots";

    /** The inventory schema, migrated by the platform before any handler runs. */
    @Bean
    public ModuleSchema inventoryModuleSchema() {
        return new ModuleSchema("inventory", "classpath:db/migration/inventory");
    }

    /** A snapshot after every {@code orders.inventory.snapshot-threshold} events of one stock item. */
    @Bean(STOCK_ITEM_SNAPSHOTS)
    public SnapshotTriggerDefinition stockItemSnapshots(Snapshotter snapshotter,
                                                        @Value("${orders.inventory.snapshot-threshold:100}")
                                                        int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
