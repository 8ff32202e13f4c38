package dev.orders.app;

import dev.orders.platform.roles.InstanceRole;
import dev.orders.platform.roles.Roles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The settings an instance cannot run without, given its roles and profiles. The embedded default supplies all of
 * them by starting its own services; any other instance must be given them, and {@link #missing} names what it lacks.
 */
final class RequiredSettings {

    static final List<Setting> ALL = List.of(
            new Setting(List.of("spring.datasource.url"), "SPRING_DATASOURCE_URL (or DATABASE_URL)",
                    "the PostgreSQL database, e.g. jdbc:postgresql://db:5432/orders",
                    EnumSet.allOf(InstanceRole.class), null),
            new Setting(List.of("orders.security.jwt.secret", "orders.security.jwt.jwks-uri"),
                    "ORDERS_JWT_SECRET (or ORDERS_JWT_JWKS_URI)",
                    "the key of the access tokens, at least 32 bytes (or an identity provider's key set)",
                    EnumSet.allOf(InstanceRole.class), null),
            new Setting(List.of("orders.kafka.bootstrap-servers"), "KAFKA_BOOTSTRAP_SERVERS",
                    "the Kafka brokers, e.g. kafka-1:9092,kafka-2:9092",
                    EnumSet.of(InstanceRole.SAGA, InstanceRole.NOTIFICATION), null),
            new Setting(List.of("orders.payment.provider-url"), "PAYMENT_PROVIDER_URL",
                    "the payment provider's base URL", EnumSet.of(InstanceRole.SAGA), null),
            new Setting(List.of("axon.axonserver.servers"), "AXON_AXONSERVER_SERVERS",
                    "Axon Server's host:port list, e.g. axonserver:8124", EnumSet.allOf(InstanceRole.class),
                    "axonserver"));

    private RequiredSettings() {
    }

    /** The settings this environment needs and lacks, in the order of {@link #ALL}. */
    static List<Setting> missing(Environment environment, Roles roles) {
        List<Setting> missing = new ArrayList<>();
        for (Setting setting : ALL) {
            if (setting.neededBy(environment, roles)
                    && setting.properties().stream().noneMatch(property -> isSet(environment, property))) {
                missing.add(setting);
            }
        }
        return missing;
    }

    /** Set means a value that is not blank; an unset variable behind a placeholder counts as unset. */
    static boolean isSet(Environment environment, String property) {
        try {
            String value = environment.getProperty(property);
            return value != null && !value.isBlank() && !value.contains("${");
        } catch (IllegalArgumentException unresolvablePlaceholder) {
            return false;
        }
    }

    /**
     * One required setting.
     *
     * @param properties the Spring properties, any one of which satisfies it
     * @param variable   the environment variable(s) operators set
     * @param purpose    what it points at
     * @param roles      the roles that need it
     * @param profile    the profile that needs it, or null when the roles alone decide
     */
    record Setting(List<String> properties, String variable, String purpose, Set<InstanceRole> roles,
                   String profile) {

        boolean neededBy(Environment environment, Roles active) {
            boolean byRole = roles.stream().anyMatch(active::runs);
            return byRole && (profile == null || environment.acceptsProfiles(Profiles.of(profile)));
        }

        String describe() {
            List<String> names = Arrays.stream(InstanceRole.values()).filter(roles::contains).map(InstanceRole::id)
                    .toList();
            String neededBy = profile != null ? "the " + profile + " profile"
                    : names.size() == InstanceRole.values().length ? "every role"
                    : names.size() == 1 ? "the " + names.get(0) + " role"
                    : "the roles " + String.join(", ", names);
            return variable + ": " + purpose + " (needed by " + neededBy + ")";
        }
    }
}
