package dev.orders.inventory;

import dev.orders.platform.persistence.ModuleSchema;
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
}
