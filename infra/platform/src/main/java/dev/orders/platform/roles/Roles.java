package dev.orders.platform.roles;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The roles this instance runs, from {@code orders.roles} ({@code ORDERS_ROLES}): a comma-separated subset of
 * {@code command,query,saga,inventory,notification}; unset means all of them.
 */
public record Roles(Set<InstanceRole> active) {

    /** The property that lists the roles. */
    public static final String PROPERTY = "orders.roles";

    public Roles {
        if (active.isEmpty()) {
            throw new InvalidRolesException(PROPERTY + " (ORDERS_ROLES) names no role; known roles: " + known());
        }
        active = Set.copyOf(active);
    }

    /** Every role: the embedded default and the single-JVM deployment. */
    public static Roles all() {
        return new Roles(EnumSet.allOf(InstanceRole.class));
    }

    /** The roles an environment asks for; all when it names none. */
    public static Roles from(Environment environment) {
        return Binder.get(environment).bind(PROPERTY, Bindable.setOf(String.class))
                .map(Roles::parse)
                .orElseGet(Roles::all);
    }

    /** Parses role names, ignoring case, blanks and surrounding spaces; fails on a name it does not know. */
    public static Roles parse(String names) {
        return parse(names == null ? Set.of() : Arrays.asList(names.split(",")));
    }

    static Roles parse(Collection<String> names) {
        EnumSet<InstanceRole> roles = EnumSet.noneOf(InstanceRole.class);
        for (String raw : names) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            roles.add(Arrays.stream(InstanceRole.values()).filter(role -> role.id().equals(name)).findFirst()
                    .orElseThrow(() -> new InvalidRolesException(PROPERTY + " (ORDERS_ROLES) names the unknown role '"
                            + raw.trim() + "'; known roles: " + known())));
        }
        return new Roles(roles);
    }

    public boolean runs(InstanceRole role) {
        return active.contains(role);
    }

    /** True when at least one of the given roles runs here. */
    public boolean runsAny(InstanceRole... roles) {
        return Arrays.stream(roles).anyMatch(active::contains);
    }

    public boolean isAll() {
        return active.size() == InstanceRole.values().length;
    }

    @Override
    public String toString() {
        return Arrays.stream(InstanceRole.values()).filter(active::contains).map(InstanceRole::id)
                .collect(Collectors.joining(","));
    }

    private static String known() {
        return Arrays.stream(InstanceRole.values()).map(InstanceRole::id).collect(Collectors.joining(", "));
    }

    /** {@code orders.roles} is empty or names a role that does not exist. */
    public static final class InvalidRolesException extends IllegalArgumentException {

        InvalidRolesException(String message) {
            super(message);
        }
    }
}
