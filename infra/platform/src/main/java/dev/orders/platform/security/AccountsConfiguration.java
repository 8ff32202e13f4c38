package dev.orders.platform.security;

import dev.orders.platform.persistence.ModuleSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The accounts schema, migrated with the modules' schemas; it exists also when tokens come from elsewhere. */
@Configuration(proxyBeanMethods = false)
public class AccountsConfiguration {

    @Bean
    public ModuleSchema accountsModuleSchema() {
        return new ModuleSchema("accounts", "classpath:db/migration/accounts");
    }
}
