package dev.orders.app;

import dev.orders.platform.roles.Roles;
import java.util.List;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Stops the start before any bean exists when the roles are invalid or a required setting is missing, naming every
 * missing setting at once; {@link StartupSettingsFailureAnalyzer} turns that into one message. Runs after the
 * configuration files are read, so a setting from any source counts.
 */
final class StartupSettingsCheck implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
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

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
