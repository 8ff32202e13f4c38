package dev.orders.order;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The order command module: the Order aggregate and the endpoints that send it commands. */
@Configuration(proxyBeanMethods = false)
public class OrderModuleConfiguration {

    /**
     * An order takes several commands within a second of being placed (stock reserved, confirmed); the cache spares
     * reading its events back for each. Safe with several instances: a stale order fails to append, is dropped from
     * the cache on the rollback and loaded afresh by the retry.
     */
    @Bean
    public Cache orderCache() {
        return new WeakReferenceCache();
    }
}
