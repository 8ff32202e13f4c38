package dev.orders.platform.security;

import java.util.Set;
import java.util.UUID;

/** A stored account; the password only as its bcrypt hash. */
record Account(UUID id, String email, String passwordHash, Set<Role> roles) {

    Account {
        roles = Set.copyOf(roles);
    }

    AccountView view() {
        return new AccountView(id.toString(), email, roles.stream().map(Role::name).sorted().toList());
    }
}
