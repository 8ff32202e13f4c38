package dev.orders.platform.security;

import java.util.Locale;
import java.util.Optional;

/** What an account may do: customers act on their own orders, operators run the shop, analysts read everything. */
public enum Role {
    CUSTOMER, OPS, ANALYST;

    /** The Spring Security authority of the role. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** The role a token or request names, ignoring case; empty for anything else. */
    public static Optional<Role> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String name = value.trim().toUpperCase(Locale.ROOT);
        if (name.startsWith("ROLE_")) {
            name = name.substring("ROLE_".length());
        }
        for (Role role : values()) {
            if (role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
