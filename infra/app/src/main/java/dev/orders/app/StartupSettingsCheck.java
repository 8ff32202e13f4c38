package dev.orders.app;

import dev.orders.platform.roles.Roles;
import java.util.List;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Stops the start before any bean exists when the roles are invalid or a required setting is missing, naming every
 * missing setting at once; {@link StartupSettingsFailureAnalyzer} turns that into one message. Runs once the context
 * is prepared, so settings from every source count, those that initializers add included.
 */
final class StartupSettingsCheck implements ApplicationListener<ApplicationPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        check(event.getApplicationContext().getEnvironment());
    }

    void check(ConfigurableEnvironment environment) {
        Roles roles;
        try {
            roles = Roles.from(environment);
        } catch (Roles.InvalidRolesException e) {
            throw new StartupSettingsException(e.getMessage(),
                    "Set ORDERS_ROLES to a comma-separated subset of command,query,saga,inventory,notification, "
                            + "or leave it unset to run them all.");
        }
        List<RequiredSettings.Setting> missing = RequiredSettings.missing(environment, roles);
        if (!missing.isEmpty()) {
            StringBuilder description = new StringBuilder("Orders (roles ").append(roles)
                    .append(") cannot start: required settings are missing:");
            missing.forEach(setting -> description.append(System.lineSeparator()).append("  - ")
                    .append(setting.describe()));
            throw new StartupSettingsException(description.toString(),
                    "Set these environment variables (or the matching Spring properties). Only an instance that runs "
                            + "every role starts embedded services for what is not configured, and not with "
                            + "ORDERS_EMBEDDED=false.");
        }
    }
}
