package dev.orders.platform.security;

import dev.orders.api.error.ForbiddenException;
import dev.orders.api.error.NotFoundException;
import java.util.Optional;
import java.util.Set;

/**
 * The authenticated account a request acts for, and the ownership rules every endpoint applies the same way:
 * a customer acts only for themselves, someone else's order answers 404 (as if it did not exist), and operators
 * and analysts see every customer.
 *
 * @param id    the account id (the token's subject); for customers it is their customer id
 * @param roles what the account may do
 */
public record Caller(String id, Set<Role> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Operators and analysts read every customer's data. */
    public boolean seesEverything() {
        return has(Role.OPS) || has(Role.ANALYST);
    }

    /** The customer a write acts for: the caller; naming another customer is refused. */
    public String actingCustomer(String requested) {
        if (requested != null && !requested.isBlank() && !requested.equals(id)) {
            throw new ForbiddenException("customerId must be your own; it is taken from your token");
        }
        return id;
    }

    /**
     * Whose data a read covers: for operators and analysts the requested customer, or everyone when none is named;
     * for customers only themselves.
     */
    public Optional<String> readScope(String requested) {
        if (seesEverything()) {
            return requested == null || requested.isBlank() ? Optional.empty() : Optional.of(requested);
        }
        return Optional.of(actingCustomer(requested));
    }

    /** Refuses to show a customer's resource to anyone but its owner, operators and analysts. */
    public void requireReadable(String owner, String what, Object resourceId) {
        if (!seesEverything() && !id.equals(owner)) {
            throw new NotFoundException(what, resourceId);
        }
    }
}
